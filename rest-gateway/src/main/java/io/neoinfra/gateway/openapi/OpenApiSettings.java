package io.neoinfra.gateway.openapi;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The OpenAPI document's security scheme: the two OAuth2 flows Swagger UI's Authorize button offers.
 *
 * @param tokenUrl the OAuth2 token endpoint of both flows (default: Keycloak's
 *     {@code <issuer>/protocol/openid-connect/token} of {@code neo.gateway.security.issuer-uri})
 * @param authorizationUrl where a person logs in, the authorization endpoint of the authorization-code flow (default:
 *     Keycloak's {@code <issuer>/protocol/openid-connect/auth})
 * @param browserClientId the public client Swagger UI logs people in as, with PKCE (S256) and no secret (default
 *     {@code neo-browser}; {@code rest-gateway.properties} hands it to springdoc's
 *     {@code springdoc.swagger-ui.oauth.client-id})
 */
@Validated
@ConfigurationProperties("neo.gateway.openapi")
public record OpenApiSettings(
    String tokenUrl, String authorizationUrl, @DefaultValue("neo-browser") @NotBlank String browserClientId) {

  public String effectiveTokenUrl(String issuerUri) {
    return orKeycloakPath(tokenUrl, issuerUri, "token");
  }

  public String effectiveAuthorizationUrl(String issuerUri) {
    return orKeycloakPath(authorizationUrl, issuerUri, "auth");
  }

  private static String orKeycloakPath(String configured, String issuerUri, String endpoint) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return issuerUri.replaceAll("/+$", "") + "/protocol/openid-connect/" + endpoint;
  }
}
