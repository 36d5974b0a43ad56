package io.neoinfra.devstack.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A public client (no secret) that logs people in with the authorization-code flow and PKCE (S256), such as Swagger
 * UI. A redirect URI must be one of {@code redirectUris} exactly, as Keycloak requires when no wildcard is set.
 */
public record BrowserClient(String clientId, List<String> redirectUris) {

  /** The client id Swagger UI uses, as the gateway's {@code neo.gateway.openapi.browser-client-id} defaults to. */
  public static final String SWAGGER_UI = "neo-browser";

  public BrowserClient {
    Objects.requireNonNull(clientId, "clientId");
    redirectUris = List.copyOf(redirectUris);
    if (redirectUris.isEmpty()) {
      throw new IllegalArgumentException("client " + clientId + " needs at least one redirect URI");
    }
    for (String uri : redirectUris) {
      URI parsed = URI.create(uri);
      if (!parsed.isAbsolute() || parsed.getFragment() != null
          || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))) {
        throw new IllegalArgumentException("a redirect URI is an absolute http(s) URI without a fragment: " + uri);
      }
    }
  }

  /** Swagger UI of a gateway at {@code gatewayPort}, reached as 127.0.0.1 or as localhost. */
  public static BrowserClient swaggerUi(int gatewayPort) {
    return new BrowserClient(SWAGGER_UI, List.of(
        "http://127.0.0.1:" + gatewayPort + "/swagger-ui/oauth2-redirect.html",
        "http://localhost:" + gatewayPort + "/swagger-ui/oauth2-redirect.html"));
  }

  public boolean allowsRedirectTo(String uri) {
    return uri != null && redirectUris.contains(uri);
  }

  /** Whether {@code origin} (scheme://host:port) is the origin of one of the redirect URIs: CORS on the token call. */
  public boolean allowsOrigin(String origin) {
    return origin != null && redirectUris.stream().map(URI::create)
        .anyMatch(u -> origin.equals(u.getScheme() + "://" + u.getRawAuthority()));
  }
}
