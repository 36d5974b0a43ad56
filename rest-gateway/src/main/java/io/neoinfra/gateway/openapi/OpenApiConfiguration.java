package io.neoinfra.gateway.openapi;

import io.neoinfra.gateway.security.ApiPermissions;
import io.neoinfra.gateway.security.SecuritySettings;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.core.jackson.ModelResolver;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI 3 document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}), both public. The security
 * scheme offers two OAuth2 flows against the configured issuer, so Authorize fetches a real token: the
 * authorization-code flow for people (Swagger UI as the public browser client, with PKCE S256) and client credentials
 * for machine clients. Every operation names the permission it needs ({@code x-required-permission}), taken from
 * {@link ApiPermissions}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String SCHEME = "keycloak";

  @Bean
  OpenAPI gatewayOpenApi(OpenApiSettings settings, SecuritySettings security) {
    String tokenUrl = settings.effectiveTokenUrl(security.issuerUri());
    var machines = new OAuthFlow().tokenUrl(tokenUrl).scopes(new Scopes());
    var people = new OAuthFlow().authorizationUrl(settings.effectiveAuthorizationUrl(security.issuerUri()))
        .tokenUrl(tokenUrl).scopes(new Scopes());
    return new OpenAPI()
        .info(new Info().title("NeoInfrastructure migration platform: REST gateway").version("v1")
            .description("Permissions come from Keycloak roles; infrastructure:admin implies all. Errors are RFC 9457 "
                + "problem+json with a stable 'code'."))
        .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
            .type(SecurityScheme.Type.OAUTH2)
            .flows(new OAuthFlows().authorizationCode(people).clientCredentials(machines))))
        .addSecurityItem(new SecurityRequirement().addList(SCHEME));
  }

  /**
   * Documents properties in snake_case, as the API speaks: the document is built with swagger-core's own (Jackson 2)
   * mapper, which knows nothing of the web layer's naming strategy.
   */
  @Bean
  ModelResolver snakeCaseModels(ObjectMapperProvider mappers) {
    return new ModelResolver(mappers.jsonMapper().copy()
        .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenApiCustomizer requiredPermissions() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      if (ApiPermissions.PUBLIC_PATTERNS.contains(path)) {
        operation.setSecurity(java.util.List.of());
        operation.addExtension("x-required-permission", "public");
        return;
      }
      ApiPermissions.ruleFor(HttpMethod.valueOf(method.name()), path).ifPresent(rule -> {
        String permission = rule.permission() == null ? "authenticated" : rule.permission().id();
        operation.addExtension("x-required-permission", permission);
        String summary = operation.getSummary() == null ? "" : operation.getSummary() + " ";
        operation.setSummary(summary + "[" + permission + "]");
      });
    }));
  }
}
