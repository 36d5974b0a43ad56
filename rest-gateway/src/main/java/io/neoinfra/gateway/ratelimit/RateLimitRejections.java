package io.neoinfra.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the 429 (problem+json with {@code Retry-After} in seconds) and counts it in {@code
 * neo_gateway_rate_limited_total{scope}}: {@code principal} for a caller with a valid token, {@code address} for the
 * allowance of requests without one.
 */
public final class RateLimitRejections {

  /** Whose allowance ran out. */
  enum Scope { PRINCIPAL, ADDRESS }

  private final Problems problems;
  private final Counter principal;
  private final Counter address;

  public RateLimitRejections(Problems problems, MeterRegistry registry) {
    this.problems = problems;
    this.principal = counter(registry, "principal");
    this.address = counter(registry, "address");
  }

  private static Counter counter(MeterRegistry registry, String scope) {
    return Counter.builder("neo.gateway.rate.limited").description("Requests refused with 429")
        .tag("scope", scope).register(registry);
  }

  void reject(HttpServletRequest request, HttpServletResponse response, Scope scope, RateLimiter.Decision decision)
      throws IOException {
    (scope == Scope.PRINCIPAL ? principal : address).increment();
    response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    problems.write(request, response, ProblemType.RATE_LIMITED,
        "rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
  }
}
