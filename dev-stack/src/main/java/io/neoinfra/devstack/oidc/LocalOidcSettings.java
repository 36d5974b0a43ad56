package io.neoinfra.devstack.oidc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The dev stack's OIDC issuer. Paths mimic Keycloak's ({@code /realms/<realm>/protocol/openid-connect/…}) so that
 * the gateway is configured the same way against it and against a real Keycloak.
 *
 * @param port loopback port (default 8180)
 * @param realm realm name in the issuer URL (default {@code neo})
 * @param audience the {@code aud} of every token (default {@code neo-gateway})
 * @param tokenLifetime how long a token is valid (default 5 minutes, Keycloak's default)
 * @param keyFile where the RSA signing key is kept, so tokens stay valid across restarts
 * @param clients the clients that may ask for tokens
 */
public record LocalOidcSettings(
    int port, String realm, String audience, Duration tokenLifetime, Path keyFile, List<OidcClient> clients) {

  public LocalOidcSettings {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(keyFile, "keyFile");
    clients = List.copyOf(clients);
    if (!realm.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("realm may contain letters, digits, '_' and '-' only: " + realm);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("tokenLifetime must be positive");
    }
  }

  public LocalOidcSettings withPort(int value) {
    return new LocalOidcSettings(value, realm, audience, tokenLifetime, keyFile, clients);
  }

  public static LocalOidcSettings defaults(Path dataDir) {
    return new LocalOidcSettings(8180, "neo", "neo-gateway", Duration.ofMinutes(5),
        dataDir.resolve("oidc-signing-key.json"), OidcClient.demoClients());
  }
}
