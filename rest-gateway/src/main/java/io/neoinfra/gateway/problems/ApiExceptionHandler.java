package io.neoinfra.gateway.problems;

import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as RFC 9457 problem+json with a typed {@code code}; nothing unexpected leaks its message. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiProblemException.class)
  ResponseEntity<ProblemDetail> onProblem(ApiProblemException e) {
    return respond(Problems.detail(e.type(), e.getMessage(), e.properties()));
  }

  // An event the gateway built from valid input still broke its contract: the input allowed something the schema
  // forbids, so it is the caller's field errors.
  @ExceptionHandler(ContractViolationException.class)
  ResponseEntity<ProblemDetail> onContract(ContractViolationException e) {
    return onProblem(new InvalidRequestException(e.errors()));
  }

  @ExceptionHandler({KafkaException.class, TimeoutException.class, PublishFailedException.class})
  ResponseEntity<ProblemDetail> onKafka(Exception e) {
    log.warn("publishing failed: {}", e.getClass().getSimpleName());
    return respond(Problems.detail(ProblemType.EVENT_BUS_UNAVAILABLE,
        "the event could not be published; nothing was changed, try again", Map.of()));
  }

  // Let Spring Security's entry point and access-denied handler answer these.
  @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
  void rethrow(RuntimeException e) {
    throw e;
  }

  /** The firewall checks parameter names only when a handler reads them (actuator, springdoc): still a 400. */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> onRejected(RequestRejectedException e) {
    return respond(Problems.detail(ProblemType.MALFORMED_REQUEST, "the request is not allowed", Map.of()));
  }

  /**
   * A form body (or query string) whose percent-encoding is broken: Tomcat refuses to decode it when a handler reads the
   * body of a form-encoded request, before Spring can answer 415 for the content type (found by FuzzIT).
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> onUndecodableParameters(InvalidParameterException e) {
    return respond(Problems.detail(ProblemType.MALFORMED_REQUEST, "the request's parameters cannot be decoded",
        Map.of()));
  }

  /**
   * Spring refuses a wildcard {@code Content-Type} ({@code *}{@code /*}) with an IllegalArgumentException while reading
   * the body: that is the caller's 415, not our 500. Any other IllegalArgumentException is unexpected.
   */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> onIllegalArgument(IllegalArgumentException e, HttpServletRequest request) {
    if (!hasUsableContentType(request)) {
      return respond(Problems.detail(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be a concrete media type",
          Map.of()));
    }
    return onUnexpected(e);
  }

  private static boolean hasUsableContentType(HttpServletRequest request) {
    String value = request.getContentType();
    if (value == null) {
      return true;
    }
    try {
      MediaType type = MediaType.parseMediaType(value);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
    log.error("unexpected error", e);
    return respond(Problems.detail(ProblemType.INTERNAL, "unexpected error; it has been logged", Map.of()));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String field = ex.getPropertyName() == null ? "$" : ex.getPropertyName();
    return asObject(new InvalidRequestException(List.of(new FieldError(field, "type",
        "must be a " + (ex.getRequiredType() == null ? "valid value" : ex.getRequiredType().getSimpleName())))));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    return asObject(InvalidRequestException.of(ex.getParameterName(), "required", "is required"));
  }

  // Spring's own problems (404 no handler, 405, 415, 406, unreadable body) get our type and code too.
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    ProblemType type = ProblemType.forStatus(statusCode.value());
    // Spring's 404 and 400 details repeat the request path or input; ours never echo what the caller sent.
    String detail = body instanceof ProblemDetail pd && pd.getDetail() != null && type != ProblemType.MALFORMED_REQUEST
        && type != ProblemType.NOT_FOUND
        ? pd.getDetail() : type.title();
    ProblemDetail problem = Problems.detail(type, detail, Map.of());
    problem.setStatus(statusCode.value());
    HttpHeaders out = new HttpHeaders();
    out.addAll(headers);
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return ResponseEntity.status(statusCode).headers(out).body(problem);
  }

  private ResponseEntity<Object> asObject(ApiProblemException e) {
    return ResponseEntity.status(e.type().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.detail(e.type(), e.getMessage(), e.properties()));
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
