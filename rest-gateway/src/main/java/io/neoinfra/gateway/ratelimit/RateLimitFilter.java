package io.neoinfra.gateway.ratelimit;

import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication: an authenticated request is charged to its principal, any other to its address. Over
 * the limit: 429 problem+json with {@code Retry-After} (seconds).
 */
public final class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final Problems problems;

  public RateLimitFilter(RateLimiter limiter, Problems problems) {
    this.limiter = limiter;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    RateLimiter.Decision decision = auth instanceof JwtAuthenticationToken jwt
        ? limiter.chargePrincipal(jwt.getName())
        : limiter.chargeAddress(request);
    if (!decision.allowed()) {
      reject(request, response, problems, decision);
      return;
    }
    chain.doFilter(request, response);
  }

  static void reject(HttpServletRequest request, HttpServletResponse response, Problems problems,
      RateLimiter.Decision decision) throws IOException {
    response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
    problems.write(request, response, ProblemType.RATE_LIMITED,
        "rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
  }
}
