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
 * @param clients the confidential clients that may ask for tokens (client-credentials grant)
 * @param users the people who may log in on the login page (authorization-code flow)
 * @param browserClients the public clients people log in through (authorization code with PKCE S256, no secret)
 */
public record LocalOidcSettings(
    int port, String realm, String audience, Duration tokenLifetime, Path keyFile, List<OidcClient> clients,
    List<OidcUser> users, List<BrowserClient> browserClients) {

  public LocalOidcSettings {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(keyFile, "keyFile");
    clients = List.copyOf(clients);
    users = List.copyOf(users);
    browserClients = List.copyOf(browserClients);
    List<String> clientIds = java.util.stream.Stream.concat(clients.stream().map(OidcClient::clientId),
        browserClients.stream().map(BrowserClient::clientId)).toList();
    if (clientIds.size() != new java.util.HashSet<>(clientIds).size()) {
      throw new IllegalArgumentException("client ids must be unique: " + clientIds);
    }
    if (!realm.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("realm may contain letters, digits, '_' and '-' only: " + realm);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("tokenLifetime must be positive");
    }
  }

  /** Machine clients only: nobody can log in. */
  public LocalOidcSettings(
      int port, String realm, String audience, Duration tokenLifetime, Path keyFile, List<OidcClient> clients) {
    this(port, realm, audience, tokenLifetime, keyFile, clients, List.of(), List.of());
  }

  public LocalOidcSettings withPort(int value) {
    return new LocalOidcSettings(value, realm, audience, tokenLifetime, keyFile, clients, users, browserClients);
  }

  /** The same settings with these public clients for people (Swagger UI of a gateway, {@link BrowserClient}). */
  public LocalOidcSettings withBrowserClients(List<BrowserClient> value) {
    return new LocalOidcSettings(port, realm, audience, tokenLifetime, keyFile, clients, users, value);
  }

  /** The demo clients and the demo people ({@link OidcUser#demoUsers()}); no browser client until one is added. */
  public static LocalOidcSettings defaults(Path dataDir) {
    return new LocalOidcSettings(8180, "neo", "neo-gateway", Duration.ofMinutes(5),
        dataDir.resolve("oidc-signing-key.json"), OidcClient.demoClients(), OidcUser.demoUsers(), List.of());
  }
}
