package io.neoinfra.schemas.connection;

import io.neoinfra.schemas.validation.FieldError;
import java.util.List;

/** The outcome of {@link ConnectionRules}: the typed connection, or every field that broke a rule. */
public sealed interface ConnectionCheck {

  record Valid(ValidConnection connection) implements ConnectionCheck {}

  record Invalid(List<ConnectionFailure> failures) implements ConnectionCheck {
    public Invalid {
      failures = List.copyOf(failures);
    }

    public List<FieldError> fieldErrors() {
      return failures.stream().map(ConnectionFailure::toFieldError).toList();
    }

    /** One line for a dead letter or a task error: every field and rule, no value. */
    public String describe() {
      return "invalid connection: " + String.join("; ", fieldErrors().stream().map(FieldError::toString).toList());
    }
  }
}
