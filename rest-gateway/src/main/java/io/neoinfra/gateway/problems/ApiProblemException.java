package io.neoinfra.gateway.problems;

import java.util.Map;

/** An error a handler answers on purpose: a problem type, a detail for people and optional extra members. */
public class ApiProblemException extends RuntimeException {

  private final ProblemType type;
  private final transient Map<String, Object> properties;

  public ApiProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ApiProblemException(ProblemType type, String detail, Map<String, Object> properties) {
    super(detail, null, false, false);
    this.type = type;
    this.properties = Map.copyOf(properties);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  public static ApiProblemException notFound(String what) {
    return new ApiProblemException(ProblemType.NOT_FOUND, "no " + what + " with this id");
  }
}
