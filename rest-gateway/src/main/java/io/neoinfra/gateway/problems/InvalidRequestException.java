package io.neoinfra.gateway.problems;

import io.neoinfra.schemas.validation.FieldError;
import java.util.List;
import java.util.Map;

/** 422 with every field error (JSON path, rule, message; never the rejected value, which may be a secret). */
public final class InvalidRequestException extends ApiProblemException {

  public InvalidRequestException(List<FieldError> errors) {
    super(ProblemType.VALIDATION_FAILED, errors.size() + " field error(s)", Map.of("errors", List.copyOf(errors)));
  }

  public static InvalidRequestException of(String field, String rule, String message) {
    return new InvalidRequestException(List.of(new FieldError(field, rule, message)));
  }
}
