package io.neoinfra.gateway.security;

import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 as problem+json, naming the permission that is missing. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  private final Problems problems;

  ProblemAccessDeniedHandler(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String detail = ApiPermissions.required(request)
        .map(p -> "this operation requires the permission " + p.id())
        .orElse("this operation is not allowed");
    problems.write(request, response, ProblemType.FORBIDDEN, detail);
  }
}
