package io.neoinfra.schemas.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A record does not satisfy its contract; carries every field error, not just the first. */
public class ContractViolationException extends RuntimeException {

  private final String contract;
  private final List<FieldError> errors;

  public ContractViolationException(String contract, List<FieldError> errors) {
    super(contract + " is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.contract = contract;
    this.errors = List.copyOf(errors);
  }

  public String contract() {
    return contract;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
