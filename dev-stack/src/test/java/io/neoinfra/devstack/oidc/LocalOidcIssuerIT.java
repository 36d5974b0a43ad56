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
import java.util.Map;
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

  private static final String REDIRECT = "http://127.0.0.1:18080/swagger-ui/oauth2-redirect.html";

  private LocalOidcSettings withBrowserClient() {
    return new LocalOidcSettings(0, "neo", "neo-gateway", Duration.ofMinutes(5), dir.resolve("key.json"),
        OidcClient.demoClients(), OidcUser.demoUsers(), List.of(new BrowserClient("neo-browser", List.of(REDIRECT))));
  }

  /** Login page, login, code: the redirect the browser would follow. */
  private Map<String, String> loginAs(BrowserLogin browser, String user, String password, String verifier)
      throws Exception {
    var request = browser.authorizationRequest(REDIRECT, "state-1", verifier);
    HttpResponse<String> login = browser.submitLogin(request, user, password);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    String location = login.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT + "?");
    return BrowserLogin.query(location);
  }

  @Test
  void aPersonLogsInWithCodeAndPkceAndGetsATokenOfTheirOwn() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      String verifier = BrowserLogin.newVerifier();

      HttpResponse<String> page = browser.openLoginPage(browser.authorizationRequest(REDIRECT, "state-1", verifier));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<form method=\"post\"").contains("operator");
      Map<String, String> redirect = loginAs(browser, "operator", "operator-password", verifier);
      HttpResponse<String> token = browser.redeem(redirect.get("code"), REDIRECT, verifier);

      assertThat(redirect.get("state")).isEqualTo("state-1");
      assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
      SignedJWT jwt = SignedJWT.parse(JSON.readTree(token.body()).get("access_token").asText());
      assertThat(jwt.verify(new RSASSAVerifier(publicKey(issuer)))).isTrue();
      var claims = jwt.getJWTClaimsSet();
      assertThat(claims.getSubject()).isEqualTo(OidcUser.demoUsers().stream()
          .filter(u -> u.username().equals("operator")).findFirst().orElseThrow().subject());
      assertThat(claims.getStringClaim("preferred_username")).isEqualTo("operator");
      assertThat(claims.getStringClaim("azp")).isEqualTo("neo-browser");
      assertThat(claims.getAudience()).containsExactly("neo-gateway");
      assertThat(claims.getJSONObjectClaim("realm_access").get("roles"))
          .asList().contains("migrations:execute", "migrations:rollback").doesNotContain("infrastructure:admin");
    }
  }

  @Test
  void refusesACodeRedeemedWithAWrongVerifier() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      Map<String, String> redirect = loginAs(browser, "reader", "reader-password", BrowserLogin.newVerifier());

      HttpResponse<String> token = browser.redeem(redirect.get("code"), REDIRECT, BrowserLogin.newVerifier());

      assertThat(token.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(token.body()).get("error").asText()).isEqualTo("invalid_grant");
      assertThat(token.body()).doesNotContain("access_token");
    }
  }

  @Test
  void aCodeIsSpentByItsFirstRedemption() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      String verifier = BrowserLogin.newVerifier();
      Map<String, String> redirect = loginAs(browser, "reader", "reader-password", verifier);
      assertThat(browser.redeem(redirect.get("code"), REDIRECT, verifier).statusCode()).isEqualTo(200);

      HttpResponse<String> again = browser.redeem(redirect.get("code"), REDIRECT, verifier);

      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(again.body()).get("error").asText()).isEqualTo("invalid_grant");
    }
  }

  @Test
  void refusesARedirectUriThatIsNotRegisteredWithoutRedirecting() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      String verifier = BrowserLogin.newVerifier();
      for (String other : List.of("https://attacker.example/steal", REDIRECT + "?next=x", REDIRECT + "/",
          "http://localhost:18080/swagger-ui/oauth2-redirect.html")) {
        var request = browser.authorizationRequest(other, "state-1", verifier);

        HttpResponse<String> page = browser.openLoginPage(request);
        HttpResponse<String> login = browser.submitLogin(request, "operator", "operator-password");

        assertThat(page.statusCode()).as(other).isEqualTo(400);
        assertThat(login.statusCode()).as(other).isEqualTo(400);
        assertThat(login.headers().firstValue("Location")).as(other).isEmpty();
      }
    }
  }

  @Test
  void refusesToRedeemACodeForAnotherRedirectUri() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      String verifier = BrowserLogin.newVerifier();
      Map<String, String> redirect = loginAs(browser, "reader", "reader-password", verifier);

      HttpResponse<String> token = browser.redeem(redirect.get("code"), "https://attacker.example/steal", verifier);

      assertThat(token.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(token.body()).get("error").asText()).isEqualTo("invalid_grant");
    }
  }

  @Test
  void aWrongPasswordGetsTheLoginPageAgainAndNoCode() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      var request = browser.authorizationRequest(REDIRECT, "state-1", BrowserLogin.newVerifier());

      HttpResponse<String> login = browser.submitLogin(request, "operator", "guess");

      assertThat(login.statusCode()).isEqualTo(401);
      assertThat(login.headers().firstValue("Location")).isEmpty();
      assertThat(login.body()).contains("wrong password");
    }
  }

  @Test
  void requiresAnS256Challenge() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");
      String verifier = BrowserLogin.newVerifier();
      var plain = new java.util.LinkedHashMap<>(browser.authorizationRequest(REDIRECT, "state-1", verifier));
      plain.put("code_challenge", verifier);
      plain.put("code_challenge_method", "plain");
      var none = new java.util.LinkedHashMap<>(browser.authorizationRequest(REDIRECT, "state-2", verifier));
      none.remove("code_challenge");
      none.remove("code_challenge_method");

      for (var request : List.of(plain, none)) {
        HttpResponse<String> page = browser.openLoginPage(request);

        assertThat(page.statusCode()).isEqualTo(302);
        Map<String, String> redirect = BrowserLogin.query(page.headers().firstValue("Location").orElseThrow());
        assertThat(redirect).containsEntry("error", "invalid_request").doesNotContainKey("code")
            .containsEntry("state", request.get("state"));
      }
    }
  }

  @Test
  void escapesTheRequestOnTheLoginPage() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start(withBrowserClient())) {
      BrowserLogin browser = new BrowserLogin(issuer, "neo-browser");

      HttpResponse<String> page = browser.openLoginPage(
          browser.authorizationRequest(REDIRECT, "\"><script>alert(1)</script>", BrowserLogin.newVerifier()));

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
          csp -> assertThat(csp).contains("default-src 'none'"));
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
