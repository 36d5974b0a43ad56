package io.neoinfra.gateway.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs before token validation: an address whose anonymous allowance is used up (by requests without a token or
 * with bad ones) gets 429 before any signature is checked. Valid-token traffic never charges the address.
 */
public final class AddressGuardFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final RateLimitRejections rejections;

  public AddressGuardFilter(RateLimiter limiter, RateLimitRejections rejections) {
    this.limiter = limiter;
    this.rejections = rejections;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    RateLimiter.Decision decision = limiter.peekAddress(request);
    if (!decision.allowed()) {
      rejections.reject(request, response, RateLimitRejections.Scope.ADDRESS, decision);
      return;
    }
    chain.doFilter(request, response);
  }
}
