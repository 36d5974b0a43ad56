package io.neoinfra.gateway.rollbacks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an execution cannot be rolled back; {@code can_rollback} is true only when there is none. */
enum IneligibleReason {
  IS_ROLLBACK("the execution is itself a rollback"),
  NOT_A_MIGRATION("the execution only validated or inspected; it applied nothing"),
  DRY_RUN("the execution was a dry run; it applied nothing"),
  NOT_COMPLETED("the execution has not completed"),
  NOTHING_APPLIED("no target applied a migration in this execution"),
  ROLLBACK_IN_PROGRESS("a rollback of this execution is already under way"),
  ALREADY_ROLLED_BACK("this execution has already been rolled back"),
  LATER_EXECUTION_MOVED_TARGET("a later execution moved some of its targets further");

  private final String message;

  IneligibleReason(String message) {
    this.message = message;
  }

  String message() {
    return message;
  }

  @JsonValue
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
