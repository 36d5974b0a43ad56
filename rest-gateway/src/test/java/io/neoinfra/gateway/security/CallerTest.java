package io.neoinfra.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class CallerTest {

  private static JwtAuthenticationToken token(Map<String, Object> claims) {
    Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.EPOCH)
        .expiresAt(Instant.EPOCH.plusSeconds(60)).issuer("https://sso.example/realms/neo");
    claims.forEach(jwt::claim);
    return new JwtAuthenticationToken(jwt.build(), List.of(new SimpleGrantedAuthority("migrations:read")));
  }

  @Test
  void namesAPersonByTheirOwnSubjectAndUsernameAndTheClientTheyCameThrough() {
    Caller caller = Caller.of(token(Map.of("sub", "5c3b-uuid", "preferred_username", "alice", "azp", "neo-browser")),
        "preferred_username");

    assertThat(caller.subject()).isEqualTo("5c3b-uuid");
    assertThat(caller.name()).isEqualTo("alice");
    assertThat(caller.clientId()).isEqualTo("neo-browser");
  }

  @Test
  void takesTheClientFromClientIdWhenTheTokenHasNoAzp() {
    Caller caller = Caller.of(token(Map.of("sub", "service-account-neo-operator", "client_id", "neo-operator")),
        "preferred_username");

    assertThat(caller.clientId()).isEqualTo("neo-operator");
    assertThat(caller.name()).isEqualTo("neo-operator");
  }
}
