package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

/** Tokens that must not get in: each is 401 problem+json with the reason, and WWW-Authenticate. */
class TokenIT extends GatewayTestBase {

  private static final String PROFILE = "/api/v1/auth/profile";

  @Test
  void missingTokenIsAuthenticationRequired() {
    var response = api.get(PROFILE, null);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("detail").asText()).isEqualTo("Authentication required");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void expiredTokenIsRefused() {
    // Signed by the right key, but issued two hours ago and expired one hour ago (far beyond the clock skew).
    java.util.Map<String, Object> claims = new java.util.HashMap<>(roles());
    long now = System.currentTimeMillis();
    claims.put("iat", new java.util.Date(now - 7_200_000));
    claims.put("nbf", new java.util.Date(now - 7_200_000));
    claims.put("exp", new java.util.Date(now - 3_600_000));
    String expired = ENV.oauth.issueToken(TestEnvironment.ISSUER_ID, "late", TestEnvironment.AUDIENCE, claims, 3600)
        .serialize();
    assertInvalid(expired, "expired");
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() {
    String foreign = ENV.oauth.issueToken("other-realm", "stranger", TestEnvironment.AUDIENCE, roles(), 3600)
        .serialize();
    assertInvalid(foreign, null);
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    String elsewhere = ENV.oauth.issueToken(TestEnvironment.ISSUER_ID, "lost", "some-other-api", roles(), 3600)
        .serialize();
    assertInvalid(elsewhere, "aud");
  }

  @Test
  void tokenSignedByAnotherKeyIsRefused() {
    MockOAuth2Server impostor = new MockOAuth2Server();
    impostor.start();
    try {
      // Same claims shape, another signing key; the kid is unknown to the gateway's key set.
      String forged = impostor.issueToken(TestEnvironment.ISSUER_ID, "forger", TestEnvironment.AUDIENCE, roles(),
          3600).serialize();
      assertInvalid(forged, null);
    } finally {
      impostor.shutdown();
    }
  }

  @Test
  void tamperedPayloadFailsTheSignature() {
    String[] parts = ENV.token("honest", Permission.MIGRATIONS_READ).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("migrations:read", "infrastructure:admin");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertInvalid(tampered, "signature");
  }

  @Test
  void unsignedTokenWithAlgNoneIsRefused() {
    String[] parts = ENV.token("sneaky", Permission.INFRASTRUCTURE_ADMIN).split("\\.");
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    assertInvalid(header + "." + parts[1] + ".", null);
  }

  @Test
  void garbageTokenIsRefused() {
    assertInvalid("not-a-jwt", null);
  }

  private void assertInvalid(String token, String reasonContains) {
    var response = api.get(PROFILE, token);
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("code").asText()).isEqualTo("invalid-token");
    assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    if (reasonContains != null) {
      assertThat(response.json().path("detail").asText()).containsIgnoringCase(reasonContains);
    }
  }

  private static Map<String, Object> roles() {
    return Map.of("realm_access", Map.of("roles", List.of("infrastructure:admin")));
  }
}
