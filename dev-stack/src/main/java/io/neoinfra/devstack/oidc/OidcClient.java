package io.neoinfra.devstack.oidc;

import java.util.List;
import java.util.Objects;

/** A client of the local issuer for the client-credentials grant, and the roles its tokens carry. */
public record OidcClient(String clientId, String secret, List<String> roles) {

  public OidcClient {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
    roles = List.copyOf(roles);
  }

  /** The demo clients of the dev stack, each with the secret {@code <client id>-secret}. */
  public static List<OidcClient> demoClients() {
    return List.of(
        new OidcClient("neo-admin", "neo-admin-secret", List.of("infrastructure:admin")),
        new OidcClient("neo-operator", "neo-operator-secret", List.of("migrations:read", "migrations:execute",
            "migrations:rollback", "databases:read", "databases:write", "tenants:write")),
        new OidcClient("neo-reader", "neo-reader-secret", List.of("migrations:read", "databases:read")));
  }

  @Override
  public String toString() {
    return "OidcClient[clientId=" + clientId + ", roles=" + roles + "]";
  }
}
