package io.neoinfra.gateway.ratelimit;

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
  private final RateLimitRejections rejections;

  public RateLimitFilter(RateLimiter limiter, RateLimitRejections rejections) {
    this.limiter = limiter;
    this.rejections = rejections;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    boolean principal = auth instanceof JwtAuthenticationToken;
    RateLimiter.Decision decision = principal
        ? limiter.chargePrincipal(auth.getName())
        : limiter.chargeAddress(request);
    if (!decision.allowed()) {
      rejections.reject(request, response,
          principal ? RateLimitRejections.Scope.PRINCIPAL : RateLimitRejections.Scope.ADDRESS, decision);
      return;
    }
    chain.doFilter(request, response);
  }
}
