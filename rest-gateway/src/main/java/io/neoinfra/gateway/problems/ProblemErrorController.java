package io.neoinfra.gateway.problems;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page as problem+json, in place of Spring Boot's BasicErrorController, which answered 500 when
 * a caller requested {@code /error} itself (there is no error to describe then: 404, like any unknown route).
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    ProblemType type = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
        ? ProblemType.forStatus(status) : ProblemType.NOT_FOUND;
    return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.detail(type, type.title(), Map.of()));
  }
}
