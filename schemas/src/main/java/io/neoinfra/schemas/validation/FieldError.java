package io.neoinfra.schemas.validation;

/**
 * One broken rule: the JSON path of the field ({@code $.port}), the rule's keyword ({@code type}, {@code required},
 * {@code pattern}, …) and a message for people. Never contains the field's value, which may be a secret.
 */
public record FieldError(String field, String rule, String message) {

  @Override
  public String toString() {
    return field + " (" + rule + "): " + message;
  }
}
