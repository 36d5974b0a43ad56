package io.neoinfra.gateway.problems;

import io.neoinfra.schemas.redaction.RedactionPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds problem documents, for controllers (as {@link ProblemDetail}) and for filters (written directly). Every detail
 * and text property goes through the platform's {@link RedactionPolicy}: a detail built from a library's message (a
 * token decoder's, a parser's) must not carry what the caller sent.
 */
@Component
public final class Problems {

  private final JsonMapper mapper;

  public Problems(JsonMapper mapper) {
    this.mapper = mapper;
  }

  public static ProblemDetail detail(ProblemType type, String detail, Map<String, Object> properties) {
    RedactionPolicy redaction = RedactionPolicy.standard();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), redaction.redactText(detail));
    problem.setType(type.uri());
    problem.setTitle(type.title());
    problem.setProperty("code", type.code());
    properties.forEach((name, value) -> problem.setProperty(name,
        value instanceof String text ? redaction.redactText(text) : value));
    return problem;
  }

  /** Writes the problem as the whole response (for filters and security handlers, outside Spring MVC). */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri().toString());
    body.put("title", type.title());
    body.put("status", type.status().value());
    body.put("detail", RedactionPolicy.standard().redactText(detail));
    body.put("instance", request.getRequestURI());
    body.put("code", type.code());
    response.setStatus(type.status().value());
    response.setHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(mapper.writeValueAsBytes(body));
  }
}
