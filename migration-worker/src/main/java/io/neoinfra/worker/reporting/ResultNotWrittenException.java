package io.neoinfra.worker.reporting;

/** A result (or dead letter) could not be written; the task's offset must then not be committed. */
public class ResultNotWrittenException extends RuntimeException {
  public ResultNotWrittenException(String message, Throwable cause) {
    super(message, cause);
  }
}
