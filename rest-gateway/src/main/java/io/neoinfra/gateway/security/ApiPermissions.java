package io.neoinfra.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which permission each operation needs: the single table the security filter chain, the 403 details and the
 * OpenAPI document are built from. First match wins.
 */
public final class ApiPermissions {

  /** {@code permission} null: any authenticated caller. */
  public record Rule(HttpMethod method, String pattern, Permission permission) {
    RequestMatcher matcher() {
      return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
  }

  public static final List<String> PUBLIC_PATTERNS = List.of(
      "/api/v1/system/health", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
      "/swagger-ui/**", "/actuator/health", "/actuator/health/**");

  public static final List<Rule> RULES = List.of(
      new Rule(HttpMethod.GET, "/api/v1/auth/profile", null),
      new Rule(HttpMethod.POST, "/api/v1/migrations/dynamic", Permission.MIGRATIONS_EXECUTE),
      new Rule(HttpMethod.POST, "/api/v1/migrations/executions/*/rollback", Permission.MIGRATIONS_ROLLBACK),
      new Rule(HttpMethod.GET, "/api/v1/migrations/**", Permission.MIGRATIONS_READ),
      new Rule(HttpMethod.GET, "/api/v1/databases/**", Permission.DATABASES_READ),
      new Rule(HttpMethod.POST, "/api/v1/databases/**", Permission.DATABASES_WRITE),
      new Rule(HttpMethod.DELETE, "/api/v1/databases/**", Permission.DATABASES_WRITE),
      new Rule(HttpMethod.POST, "/api/v1/tenants/**", Permission.TENANTS_WRITE),
      new Rule(HttpMethod.DELETE, "/api/v1/tenants/**", Permission.TENANTS_WRITE),
      new Rule(HttpMethod.GET, "/api/v1/deadletters/**", Permission.DEADLETTERS_REPLAY),
      new Rule(HttpMethod.POST, "/api/v1/deadletters/replay", Permission.DEADLETTERS_REPLAY),
      new Rule(HttpMethod.GET, "/api/v1/operations/consumer-lag", Permission.MIGRATIONS_READ),
      new Rule(HttpMethod.GET, "/actuator/**", Permission.INFRASTRUCTURE_ADMIN));

  private ApiPermissions() {}

  /** The permission the request needs, if one does. */
  public static Optional<Permission> required(HttpServletRequest request) {
    return RULES.stream().filter(r -> r.matcher().matches(request)).findFirst().map(Rule::permission);
  }

  /** The permission an operation of the OpenAPI document needs (its path template with {@code {id}}s). */
  public static Optional<Rule> ruleFor(HttpMethod method, String pathTemplate) {
    String concrete = pathTemplate.replaceAll("\\{[^/]+}", "x");
    return RULES.stream()
        .filter(r -> r.method().equals(method) && new org.springframework.util.AntPathMatcher().match(r.pattern(), concrete))
        .findFirst();
  }
}
