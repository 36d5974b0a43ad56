package io.neoinfra.devstack.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOidcIssuerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  private LocalOidcSettings settings() {
    return new LocalOidcSettings(0, "neo", "neo-gateway", Duration.ofMinutes(5), dir.resolve("key.json"),
        OidcClient.demoClients());
  }

  @Test
  void issuesASignedTokenWithTheClientsRolesForTheClientCredentialsGrant() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(settings())) {
      HttpResponse<String> response = tokenRequest(issuer, "neo-operator", "neo-operator-secret");

      assertThat(response.statusCode()).isEqualTo(200);
      SignedJWT jwt = SignedJWT.parse(JSON.readTree(response.body()).get("access_token").asText());
      assertThat(jwt.verify(new RSASSAVerifier(publicKey(issuer)))).isTrue();
      assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuerUri());
      assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("neo-gateway");
      assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("realm_access").get("roles"))
          .asList().contains("migrations:execute", "migrations:rollback").doesNotContain("infrastructure:admin");
    }
  }

  @Test
  void refusesAWrongSecret() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(settings())) {
      HttpResponse<String> response = tokenRequest(issuer, "neo-admin", "guess");

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_client");
    }
  }

  @Test
  void refusesAnUnsupportedGrant() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(settings())) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=a&password=b")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
    }
  }

  @Test
  void publishesDiscoveryLikeKeycloak() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(settings())) {
      JsonNode discovery = JSON.readTree(http.send(HttpRequest.newBuilder(
          URI.create(issuer.issuerUri() + "/.well-known/openid-configuration")).build(),
          HttpResponse.BodyHandlers.ofString()).body());

      assertThat(discovery.get("issuer").asText()).isEqualTo(issuer.issuerUri()).endsWith("/realms/neo");
      assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer.tokenUri());
      assertThat(discovery.get("jwks_uri").asText()).isEqualTo(issuer.jwksUri());
    }
  }

  @Test
  void tokensStayValidAcrossARestartBecauseTheKeyIsKept() throws Exception {
    String token;
    try (LocalOidcIssuer first = LocalOidcIssuer.start(settings())) {
      token = first.issueToken("neo-reader");
    }
    try (LocalOidcIssuer second = LocalOidcIssuer.start(settings())) {
      assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(publicKey(second)))).isTrue();
    }
  }

  private HttpResponse<String> tokenRequest(LocalOidcIssuer issuer, String client, String secret) throws Exception {
    String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private RSAKey publicKey(LocalOidcIssuer issuer) throws Exception {
    String jwks = http.send(HttpRequest.newBuilder(URI.create(issuer.jwksUri())).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    List<com.nimbusds.jose.jwk.JWK> keys = JWKSet.parse(jwks).getKeys();
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0).isPrivate()).isFalse();
    return keys.get(0).toRSAKey();
  }
}
