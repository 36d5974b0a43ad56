package io.neoinfra.schemas.serde;

import io.neoinfra.schemas.validation.FieldError;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;

/** A record that does not satisfy its contract, with every field error. */
public class InvalidRecordException extends SerializationException {

  private final DecodeFailure reason;
  private final List<FieldError> errors;

  public InvalidRecordException(DecodeFailure reason, String message, List<FieldError> errors) {
    super(reason.id() + ": " + message + (errors.isEmpty() ? ""
        : " [" + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")) + "]"));
    this.reason = reason;
    this.errors = List.copyOf(errors);
  }

  public DecodeFailure reason() {
    return reason;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
