package io.neoinfra.gateway.security;

import io.neoinfra.gateway.openapi.OpenApiSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The headers every response carries: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code X-XSS-Protection: 1; mode=block} (kept for older browsers; modern browsers ignore it), {@code
 * Cache-Control: no-store}, {@code Referrer-Policy: no-referrer}, and a Content-Security-Policy that forbids everything
 * for the API and allows Swagger UI its own scripts and styles plus the token endpoint.
 */
@Component
public final class SecurityHeaders {

  static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final RequestMatcher docs = new OrRequestMatcher(
      PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
      PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui.html"));
  private final String docsCsp;

  public SecurityHeaders(OpenApiSettings openApi, SecuritySettings security) {
    URI token = URI.create(openApi.effectiveTokenUrl(security.issuerUri()));
    String tokenOrigin = token.getScheme() + "://" + token.getAuthority();
    this.docsCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self' " + tokenOrigin + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
  }

  void apply(HeadersConfigurer<HttpSecurity> headers) {
    headers.contentTypeOptions(c -> {})
        .frameOptions(f -> f.deny())
        .xssProtection(x -> x.headerValue(XXssProtectionHeaderWriter.HeaderValue.ENABLED_MODE_BLOCK))
        .cacheControl(c -> c.disable())
        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
    writers().forEach(headers::addHeaderWriter);
  }

  /** For responses written before the header filter runs (firewall rejections). */
  public void writeTo(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-XSS-Protection", "1; mode=block");
    response.setHeader("Referrer-Policy", "no-referrer");
    writers().forEach(w -> w.writeHeaders(request, response));
  }

  private List<HeaderWriter> writers() {
    return List.of(
        new StaticHeadersWriter("Cache-Control", "no-store"),
        new DelegatingRequestMatcherHeaderWriter(docs, new StaticHeadersWriter("Content-Security-Policy", docsCsp)),
        new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(docs),
            new StaticHeadersWriter("Content-Security-Policy", API_CSP)));
  }
}
