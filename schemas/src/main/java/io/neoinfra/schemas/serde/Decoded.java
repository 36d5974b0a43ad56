package io.neoinfra.schemas.serde;

import io.neoinfra.schemas.validation.FieldError;
import java.util.List;

/** The outcome of reading a record: the value, or why it could not be read. Readers never throw on bad input. */
public sealed interface Decoded<T> {

  record Valid<T>(T value) implements Decoded<T> {}

  /** {@code reason} is a short class of failure ({@code malformed_json}, {@code schema_violation}, …). */
  record Invalid<T>(DecodeFailure reason, String message, List<FieldError> errors) implements Decoded<T> {
    public Invalid {
      errors = errors == null ? List.of() : List.copyOf(errors);
    }
  }

  default boolean isValid() {
    return this instanceof Valid;
  }

  /** The value, or an exception naming every error. */
  default T orThrow() {
    if (this instanceof Valid<T> valid) {
      return valid.value();
    }
    Invalid<T> invalid = (Invalid<T>) this;
    throw new InvalidRecordException(invalid.reason(), invalid.message(), invalid.errors());
  }
}
