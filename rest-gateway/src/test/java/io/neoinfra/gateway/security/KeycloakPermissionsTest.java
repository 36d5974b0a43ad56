package io.neoinfra.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakPermissionsTest {

  private final KeycloakPermissions converter =
      new KeycloakPermissions(List.of("realm_access.roles", "resource_access.neo.gateway.roles"));

  @Test
  void realmAndClientRolesBecomePermissionsAndOthersAreIgnored() {
    Jwt jwt = jwt(Map.of(
        "realm_access", Map.of("roles", List.of("migrations:read", "offline_access")),
        "resource_access", Map.of("neo.gateway", Map.of("roles", List.of("databases:write")))));

    assertThat(converter.permissions(jwt)).containsExactlyInAnyOrder(Permission.MIGRATIONS_READ,
        Permission.DATABASES_WRITE);
  }

  @Test
  void infrastructureAdminImpliesEveryPermission() {
    Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("infrastructure:admin"))));

    assertThat(converter.permissions(jwt)).isEqualTo(EnumSet.allOf(Permission.class));
  }

  @Test
  void tokenWithoutRoleClaimsHasNoPermission() {
    assertThat(converter.permissions(jwt(Map.of("scope", "openid")))).isEmpty();
  }

  @Test
  void principalNameIsTheSubject() {
    assertThat(converter.convert(jwt(Map.of())).getName()).isEqualTo("subject-1");
  }

  private static Jwt jwt(Map<String, Object> claims) {
    Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("subject-1")
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
    claims.forEach(builder::claim);
    return builder.build();
  }
}
