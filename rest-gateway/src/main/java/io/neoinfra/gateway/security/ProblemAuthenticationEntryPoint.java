package io.neoinfra.gateway.security;

import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.Problems;
import io.neoinfra.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 as problem+json: "Authentication required" without a token, the validation's reason with a bad one (expired,
 * wrong issuer, bad signature, unsigned). Every 401 counts against the caller's address, so that guessing tokens is
 * rate-limited like any anonymous traffic.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

  private final Problems problems;
  private final RateLimiter rateLimiter;
  private final Counter missingToken;
  private final Counter invalidToken;

  ProblemAuthenticationEntryPoint(Problems problems, RateLimiter rateLimiter, MeterRegistry registry) {
    this.problems = problems;
    this.rateLimiter = rateLimiter;
    // neo_gateway_auth_failures_total{reason} (an agreed metric name): every 401, by whether a token came at all
    this.missingToken = failures(registry, "missing_token");
    this.invalidToken = failures(registry, "invalid_token");
  }

  private static Counter failures(MeterRegistry registry, String reason) {
    return Counter.builder("neo.gateway.auth.failures").description("Requests refused with 401")
        .tag("reason", reason).register(registry);
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    rateLimiter.chargeAddress(request);
    if (e instanceof OAuth2AuthenticationException oauth) {
      invalidToken.increment();
      String reason = oauth.getError().getDescription() == null ? "invalid token" : oauth.getError().getDescription();
      reason = RedactionPolicy.standard().redactText(
          reason.replaceFirst("^An error occurred while attempting to decode the Jwt: ", ""));
      if (reason.length() > 200) {
        reason = reason.substring(0, 200);
      }
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" +
          reason.replace("\"", "'") + "\"");
      problems.write(request, response, ProblemType.INVALID_TOKEN, reason);
      return;
    }
    missingToken.increment();
    response.setHeader("WWW-Authenticate", "Bearer");
    problems.write(request, response, ProblemType.AUTHENTICATION_REQUIRED, "Authentication required");
  }
}
