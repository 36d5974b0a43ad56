package io.neoinfra.gateway.security;

import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.Problems;
import io.neoinfra.gateway.ratelimit.AddressGuardFilter;
import io.neoinfra.gateway.ratelimit.RateLimitFilter;
import io.neoinfra.gateway.ratelimit.RateLimitRejections;
import io.neoinfra.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The gateway as an OAuth2 resource server: stateless, bearer JWTs only, permissions from {@link ApiPermissions},
 * problem+json for 401/403/429, the security headers on every response, the rate limits around authentication.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, JwtDecoder decoder, Problems problems,
      RateLimiter limiter, SecurityHeaders headers, Clock clock, MeterRegistry registry) throws Exception {
    var entryPoint = new ProblemAuthenticationEntryPoint(problems, limiter, registry);
    var rejections = new RateLimitRejections(problems, registry);
    var denied = new ProblemAccessDeniedHandler(problems);
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .formLogin(f -> f.disable())
        .httpBasic(b -> b.disable())
        .logout(l -> l.disable())
        .anonymous(Customizer.withDefaults())
        .headers(headers::apply)
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
        .oauth2ResourceServer(o -> o
            .authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(denied)
            .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(new KeycloakPermissions(settings.roleClaims()))))
        .authorizeHttpRequests(a -> {
          for (String pattern : ApiPermissions.PUBLIC_PATTERNS) {
            a.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(pattern)).permitAll();
          }
          for (ApiPermissions.Rule rule : ApiPermissions.RULES) {
            if (rule.permission() == null) {
              a.requestMatchers(rule.matcher()).authenticated();
            } else {
              a.requestMatchers(rule.matcher()).hasAuthority(rule.permission().id());
            }
          }
          a.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.OPTIONS, "/**")).permitAll();
          // Unknown routes: authenticate first, then 404 (never reveal which routes exist to anonymous callers).
          a.anyRequest().authenticated();
        })
        .addFilterAfter(new AuditFilter(clock, settings.usernameClaim()), SecurityContextHolderFilter.class)
        .addFilterBefore(new AddressGuardFilter(limiter, rejections), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(new RateLimitFilter(limiter, rejections), BearerTokenAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  JwtDecoder jwtDecoder(SecuritySettings settings) {
    // Plain HTTP/1.1 with short timeouts for the key set: the JDK client's h2c upgrade hangs on some servers, and a
    // slow identity provider must not hold request threads (keys are cached; a refresh happens on an unknown kid).
    var http = new SimpleClientHttpRequestFactory();
    http.setConnectTimeout(settings.jwksTimeout());
    http.setReadTimeout(settings.jwksTimeout());
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.effectiveJwkSetUri())
        .jwsAlgorithms(algs -> settings.jwsAlgorithms().forEach(a -> algs.add(SignatureAlgorithm.from(a))))
        .restOperations(new RestTemplate(http))
        .build();
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator(settings.clockSkew()));
    validators.add(new JwtIssuerValidator(settings.issuerUri()));
    if (!settings.audiences().isEmpty()) {
      validators.add(jwt -> jwt.getAudience() != null && jwt.getAudience().stream().anyMatch(settings.audiences()::contains)
          ? OAuth2TokenValidatorResult.success()
          : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The aud claim is not valid", null)));
    }
    var validator = new DelegatingOAuth2TokenValidator<>(validators);
    decoder.setJwtValidator(validator);
    if (settings.verifiedTokenCacheSize() == 0) {
      return decoder;
    }
    return new VerifiedTokenCache(decoder, validator, settings.verifiedTokenCacheSize(),
        settings.verifiedTokenCacheTtl());
  }

  /**
   * No Spring Security observations: they wrap each of the chain's filters and the authentication manager in its own
   * observation, which cost more than the rest of the chain under load (measured with JFR). The request observation
   * ({@code http.server.requests}) is Spring Boot's and stays.
   */
  @Bean
  SecurityObservationSettings securityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  /** Requests the firewall refuses (encoded slashes, semicolons, …) still get problem+json and the headers. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(Problems problems, SecurityHeaders headers) {
    return (request, response, e) -> {
      headers.writeTo(request, response);
      problems.write(request, response, ProblemType.MALFORMED_REQUEST, "the request URL is not allowed");
    };
  }
}
