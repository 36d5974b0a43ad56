package io.neoinfra.gateway.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OpenAPI document's security scheme.
 *
 * @param tokenUrl the OAuth2 token endpoint of the client-credentials flow that Swagger UI's Authorize button calls
 *     (default: Keycloak's {@code <issuer>/protocol/openid-connect/token} of {@code neo.gateway.security.issuer-uri})
 */
@ConfigurationProperties("neo.gateway.openapi")
public record OpenApiSettings(String tokenUrl) {

  public String effectiveTokenUrl(String issuerUri) {
    if (tokenUrl != null && !tokenUrl.isBlank()) {
      return tokenUrl;
    }
    return issuerUri.replaceAll("/+$", "") + "/protocol/openid-connect/token";
  }
}
