package io.neoinfra.gateway.audit;

import io.neoinfra.gateway.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line on the {@code neo.audit} logger per state-changing call (POST, PUT, PATCH, DELETE), whatever its outcome,
 * refused ones included: who (the person's or service account's name and subject, and the client they came through),
 * what, on which resource, when, and the outcome. Never the body: it may hold a password.
 */
public final class AuditFilter extends OncePerRequestFilter {

  /** Request attribute a handler sets to the id it created or acted on (an execution id, a database id). */
  public static final String RESOURCE = AuditFilter.class.getName() + ".resource";

  private static final Logger audit = LoggerFactory.getLogger("neo.audit");

  private final Clock clock;
  private final String usernameClaim;

  public AuditFilter(Clock clock, String usernameClaim) {
    this.clock = clock;
    this.usernameClaim = usernameClaim;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant at = clock.instant();
    try {
      chain.doFilter(request, response);
    } finally {
      Authentication auth = SecurityContextHolder.getContext().getAuthentication();
      String who = "anonymous";
      String subject = "-";
      String client = "-";
      if (auth instanceof JwtAuthenticationToken jwt) {
        Caller caller = Caller.of(jwt, usernameClaim);
        who = caller.name();
        subject = caller.subject() == null ? "-" : caller.subject();
        client = caller.clientId() == null ? "-" : caller.clientId();
      }
      int status = response.getStatus();
      Object resource = request.getAttribute(RESOURCE);
      audit.info("audit at={} who={} sub={} client={} action=\"{} {}\" resource={} outcome={} status={} address={}",
          at, sanitize(who), sanitize(subject), sanitize(client), request.getMethod(), sanitize(request.getRequestURI()),
          resource == null ? "-" : sanitize(resource.toString()), outcome(status), status, request.getRemoteAddr());
    }
  }

  private static String outcome(int status) {
    if (status < 400) {
      return "accepted";
    }
    return switch (status) {
      case 401 -> "unauthenticated";
      case 403 -> "forbidden";
      case 429 -> "rate_limited";
      default -> status >= 500 ? "error" : "rejected";
    };
  }

  // Log lines must not be forged with line breaks or quotes from a path or a claim.
  private static String sanitize(String value) {
    String cleaned = value.replaceAll("[\\p{Cntrl}\"\\s]", "_");
    return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
  }
}
