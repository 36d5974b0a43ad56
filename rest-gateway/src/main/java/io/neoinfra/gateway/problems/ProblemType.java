package io.neoinfra.gateway.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API answers, as RFC 9457 problem types. Clients branch on {@code code} (or {@code type}),
 * never on the human {@code detail}.
 */
public enum ProblemType {
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request"),
  AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "authentication-required", "Authentication required"),
  INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid token"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Permission missing"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
  EXECUTION_CONFLICT(HttpStatus.CONFLICT, "execution-conflict", "A conflicting execution is running"),
  ROLLBACK_NOT_ELIGIBLE(HttpStatus.CONFLICT, "rollback-not-eligible", "The execution cannot be rolled back"),
  ALREADY_EXISTS(HttpStatus.CONFLICT, "already-exists", "Already exists"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
  VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "Invalid request"),
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
  EVENT_BUS_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "event-bus-unavailable", "Kafka is not reachable"),
  INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error");

  private static final String BASE = "https://neoinfra.io/problems/";

  private final HttpStatus status;
  private final String code;
  private final String title;

  /** The type of an error that only its status describes (Spring's own exceptions, the container's error pages). */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> MALFORMED_REQUEST;
      case 401 -> AUTHENTICATION_REQUIRED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> VALIDATION_FAILED;
      case 429 -> RATE_LIMITED;
      default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    };
  }

  ProblemType(HttpStatus status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  /** The stable id, also the last segment of {@link #uri()}. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public URI uri() {
    return URI.create(BASE + code);
  }
}
