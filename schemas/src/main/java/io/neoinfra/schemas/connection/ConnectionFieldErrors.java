package io.neoinfra.schemas.connection;

import io.neoinfra.schemas.validation.FieldError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells schema violations of connection fields apart, so that a record refused by the JSON Schema for its host or
 * database name gets the same reason ({@value ConnectionFailure#REASON}) as one refused by {@link ConnectionRules}.
 */
public final class ConnectionFieldErrors {

  private static final Set<String> FIELDS = Arrays.stream(ConnectionField.values())
      .map(ConnectionField::wireName).collect(Collectors.toUnmodifiableSet());

  private ConnectionFieldErrors() {}

  /** True when there are errors and every one is on a connection field of an event or of a task's connection. */
  public static boolean onlyConnectionFields(List<FieldError> errors) {
    return !errors.isEmpty() && errors.stream().allMatch(e -> isConnectionField(e.field()));
  }

  static boolean isConnectionField(String path) {
    String field = path.startsWith("$.connection.") ? path.substring("$.connection.".length())
        : path.startsWith("$.") ? path.substring(2) : null;
    return field != null && FIELDS.contains(field);
  }
}
