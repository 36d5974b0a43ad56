package io.neoinfra.gateway.security;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The actuator endpoints (health, info, prometheus) served on their own port ({@code management.server.port}) are open
 * there without a token, so that Prometheus and the orchestrator's probes need no credential: that port is meant to
 * be reachable from the cluster network only. On the API port they do not exist (401 without a token, 404 with one).
 * If the management port is set equal to the API port, this chain matches nothing and the API chain's rule
 * ({@code infrastructure:admin} for {@code /actuator/**}) applies as before.
 */
@Configuration(proxyBeanMethods = false)
class ManagementEndpointsSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain managementPort(HttpSecurity http, Environment environment, SecurityHeaders headers)
      throws Exception {
    boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    // EndpointRequest matches only requests served by the management server when it has a port of its own.
    RequestMatcher endpoints = EndpointRequest.toAnyEndpoint();
    http.securityMatcher(request -> ownPort && endpoints.matches(request))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .formLogin(f -> f.disable())
        .httpBasic(b -> b.disable())
        .logout(l -> l.disable())
        .headers(headers::apply)
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
