package io.neoinfra.devstack.oidc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A person who can log in at the local issuer's login page (authorization-code flow), and the roles their tokens
 * carry. The subject is a UUID derived from the username, as stable across restarts as Keycloak's user ids.
 */
public record OidcUser(String username, String password, List<String> roles) {

  public OidcUser {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    roles = List.copyOf(roles);
    if (!username.matches("[a-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("a username is 1-64 of a-z, 0-9, '.', '_', '-': " + username);
    }
  }

  public String subject() {
    return UUID.nameUUIDFromBytes(("neo-dev-user:" + username).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * The demo people of the dev stack, each with the password {@code <username>-password} and the roles of the demo
   * client of the same name ({@code admin} as {@code neo-admin}, …).
   */
  public static List<OidcUser> demoUsers() {
    return OidcClient.demoClients().stream()
        .map(c -> {
          String username = c.clientId().replaceFirst("^neo-", "");
          return new OidcUser(username, username + "-password", c.roles());
        })
        .toList();
  }

  @Override
  public String toString() {
    return "OidcUser[username=" + username + ", roles=" + roles + "]";
  }
}
