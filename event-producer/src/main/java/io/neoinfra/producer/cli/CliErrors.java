package io.neoinfra.producer.cli;

import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into one clear message and an exit code, instead of a stack trace. */
final class CliErrors implements IExecutionExceptionHandler {

  /** Exit code for an event refused by its schema (nothing was sent). */
  static final int INVALID_EVENT = 3;
  /** Exit code when the record asked for does not exist (dlt show). */
  static final int NOT_FOUND = 4;
  /** Exit code when a replay refused at least one dead letter (the others were replayed). */
  static final int REFUSED = 5;
  /** Exit code for any other failure (broker unreachable, unreadable file, …). */
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
    var err = cli.getErr();
    if (e instanceof ContractViolationException violation) {
      err.println("refused: " + violation.contract() + " is invalid, nothing was sent:");
      for (FieldError error : violation.errors()) {
        err.println("  " + error.field() + " (" + error.rule() + "): " + error.message());
      }
      return INVALID_EVENT;
    }
    err.println("error: " + e.getMessage());
    return FAILURE;
  }
}
