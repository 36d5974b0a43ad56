package io.neoinfra.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.admin.keycloak.RealmChange.Action;
import io.neoinfra.admin.keycloak.RealmDefinition.ServiceClient;
import io.neoinfra.gateway.matrix.MatrixSeed;
import io.neoinfra.gateway.matrix.MatrixWalk;
import io.neoinfra.gateway.matrix.MatrixWalk.Caller;
import io.neoinfra.gateway.matrix.OpenApiOperations;
import io.neoinfra.gateway.matrix.OperationPermissions;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The realm bootstrap and export against a real Keycloak server started for this class, and the gateway's security
 * with tokens that Keycloak issues.
 */
class KeycloakRealmIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeycloakServer server;
  private static Keycloak admin;
  private static RealmDefinition gatewayRealm;
  private static KeycloakGateway gateway;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startKeycloak() throws Exception {
    server = KeycloakServer.start();
    admin = KeycloakBuilder.builder().serverUrl(server.baseUrl()).realm("master").clientId("admin-cli")
        .username(KeycloakServer.ADMIN_USER).password(server.adminPassword()).build();
    gatewayRealm = RealmDefinition.neo(uniqueRealm());
    new KeycloakBootstrap(admin).apply(gatewayRealm, Map.of("neo-admin", "gw-admin-secret",
        "neo-operator", "gw-operator-secret", "neo-reader", "gw-reader-secret", "neo-tenant-service", "gw-tenants-secret"));
    gateway = KeycloakGateway.start(server.baseUrl(), gatewayRealm.realm());
  }

  @AfterAll
  static void stopKeycloak() {
    if (gateway != null) {
      gateway.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bootstrapCreatesEverythingAndASecondRunChangesNothing() {
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm());

    List<RealmChange> first = new KeycloakBootstrap(admin).apply(realm, Map.of());
    List<RealmChange> second = new KeycloakBootstrap(admin).apply(realm, Map.of());

    assertThat(first).extracting(RealmChange::action).doesNotContain(Action.UNCHANGED);
    assertThat(first).extracting(RealmChange::subject).contains("realm " + realm.realm(), "role migrations:read",
        "role neo-operator", "client neo-gateway (audience)", "client neo-operator (service account)",
        "roles of service-account-neo-operator");
    assertThat(second).extracting(RealmChange::action).containsOnly(Action.UNCHANGED);
  }

  @Test
  void aServiceAccountTokenCarriesItsPermissionsAndTheGatewayAudience() throws Exception {
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm());
    new KeycloakBootstrap(admin).apply(realm, Map.of("neo-operator", "operator-secret-1"));

    JsonNode claims = claims(token(realm.realm(), "neo-operator", "operator-secret-1").body());

    assertThat(roles(claims)).contains("migrations:read", "migrations:execute", "migrations:rollback",
        "databases:write", "tenants:write").doesNotContain("infrastructure:admin", "deadletters:replay");
    assertThat(audiences(claims)).contains("neo-gateway");
    assertThat(claims.get("iss").asText()).isEqualTo(server.baseUrl() + "/realms/" + realm.realm());
  }

  @Test
  void theBrowserClientIsPublicWithTheStandardFlowOnlyAndExactRedirects() {
    String redirect = "https://neo.example/swagger-ui/oauth2-redirect.html";
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm(), List.of(redirect));
    new KeycloakBootstrap(admin).apply(realm, Map.of());

    ClientRepresentation browser = admin.realm(realm.realm()).clients().findByClientId("neo-browser").get(0);

    assertThat(browser.isPublicClient()).isTrue();
    assertThat(browser.isStandardFlowEnabled()).isTrue();
    assertThat(browser.isImplicitFlowEnabled()).isFalse();
    assertThat(browser.isDirectAccessGrantsEnabled()).isFalse();
    assertThat(browser.isServiceAccountsEnabled()).isFalse();
    assertThat(browser.getRedirectUris()).containsExactly(redirect);
    assertThat(browser.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
  }

  @Test
  void theBrowserClientRefusesALoginWithoutAnS256Challenge() throws Exception {
    String redirect = "https://neo.example/swagger-ui/oauth2-redirect.html";
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm(), List.of(redirect));
    new KeycloakBootstrap(admin).apply(realm, Map.of());
    String verifier = "a-verifier-of-forty-three-or-more-characters-0123456789";
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

    HttpResponse<String> none = authorize(realm.realm(), redirect, "");
    HttpResponse<String> plain = authorize(realm.realm(), redirect,
        "&code_challenge=" + verifier + "&code_challenge_method=plain");
    HttpResponse<String> s256 = authorize(realm.realm(), redirect,
        "&code_challenge=" + challenge + "&code_challenge_method=S256");

    for (HttpResponse<String> refused : List.of(none, plain)) {
      assertThat(refused.statusCode()).isEqualTo(302);
      assertThat(refused.headers().firstValue("Location").orElseThrow()).startsWith(redirect + "?")
          .contains("error=invalid_request").doesNotContain("code=");
    }
    assertThat(s256.statusCode()).as("the login page").isEqualTo(200);
  }

  @Test
  void theBrowserClientSendsPeopleBackToItsRegisteredRedirectOnly() throws Exception {
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm(),
        List.of("https://neo.example/swagger-ui/oauth2-redirect.html"));
    new KeycloakBootstrap(admin).apply(realm, Map.of());

    HttpResponse<String> elsewhere = authorize(realm.realm(), "https://attacker.example/steal",
        "&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256");

    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
  }

  private HttpResponse<String> authorize(String realm, String redirectUri, String pkce) throws Exception {
    String query = "client_id=neo-browser&response_type=code&scope=openid&state=s1&redirect_uri="
        + java.net.URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + pkce;
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/" + realm
        + "/protocol/openid-connect/auth?" + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDisabledClientGetsNoToken() throws Exception {
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm());
    new KeycloakBootstrap(admin).apply(realm, Map.of("neo-reader", "reader-secret-1"));
    var clients = admin.realm(realm.realm()).clients();
    ClientRepresentation reader = clients.findByClientId("neo-reader").get(0);
    reader.setEnabled(false);
    clients.get(reader.getId()).update(reader);

    HttpResponse<String> response = token(realm.realm(), "neo-reader", "reader-secret-1");

    assertThat(response.statusCode()).isIn(400, 401);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isIn("invalid_client", "unauthorized_client");
  }

  @Test
  void aRoleRemovedAtRuntimeIsMissingFromTheNextToken() throws Exception {
    RealmDefinition realm = RealmDefinition.neo(uniqueRealm());
    new KeycloakBootstrap(admin).apply(realm, Map.of("neo-operator", "operator-secret-2"));
    assertThat(roles(claims(token(realm.realm(), "neo-operator", "operator-secret-2").body())))
        .contains("migrations:execute");

    List<RealmChange> changes = new KeycloakBootstrap(admin)
        .apply(realm.withClientRoles("neo-operator", List.of("neo-viewer")), Map.of());

    assertThat(changes).filteredOn(c -> c.action() == Action.UPDATED).extracting(RealmChange::subject)
        .containsExactly("roles of service-account-neo-operator");
    assertThat(roles(claims(token(realm.realm(), "neo-operator", "operator-secret-2").body())))
        .contains("migrations:read").doesNotContain("migrations:execute", "migrations:rollback");
  }

  @Test
  void theRealmExportImportsIntoKeycloakAndItsClientsGetTokens() throws Exception {
    String name = uniqueRealm();
    // Keycloak replaces ${VAR:default} placeholders when it imports a file at start-up; over the admin API we do it.
    String export = RealmExport.toJson(RealmDefinition.neo(name))
        .replaceAll("\\$\\{[A-Z_]+:([^}]+)}", "$1");
    admin.realms().create(JSON.readValue(export, RealmRepresentation.class));

    HttpResponse<String> response = token(name, "neo-admin", "neo-admin-secret");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode claims = claims(response.body());
    assertThat(roles(claims)).contains("infrastructure:admin", "deadletters:replay");
    assertThat(audiences(claims)).contains("neo-gateway");
  }

  // --- the gateway with Keycloak's tokens -------------------------------------------------------------------------

  @Test
  void keycloakTokensOpenExactlyWhatTheirRolesAllow() throws Exception {
    String reader = accessToken(gatewayRealm.realm(), "neo-reader", "gw-reader-secret");
    String operator = accessToken(gatewayRealm.realm(), "neo-operator", "gw-operator-secret");
    String adminToken = accessToken(gatewayRealm.realm(), "neo-admin", "gw-admin-secret");
    String dryRun = "{\"scope\":\"TENANT\",\"dry_run\":true}";

    assertThat(gateway.status("GET", "/api/v1/migrations/executions", reader, null)).isEqualTo(200);
    assertThat(gateway.status("GET", "/api/v1/databases/connections", reader, null)).isEqualTo(200);
    assertThat(gateway.status("GET", "/api/v1/auth/profile", reader, null)).isEqualTo(200);
    assertThat(gateway.status("POST", "/api/v1/migrations/dynamic", reader, dryRun)).isEqualTo(403);
    assertThat(gateway.status("POST", "/api/v1/migrations/dynamic", operator, dryRun)).isEqualTo(202);
    assertThat(gateway.status("POST", "/api/v1/migrations/dynamic", adminToken, dryRun)).isEqualTo(202);
    assertThat(gateway.status("GET", "/api/v1/migrations/executions", null, null)).isEqualTo(401);
    assertThat(gateway.status("GET", "/api/v1/system/health", null, null)).isEqualTo(200);
  }

  @Test
  void everyDocumentedOperationAnswersKeycloakTokensAsTheirRolesAllow() throws Exception {
    // given: a client per single permission and one with none, beside the demo clients with composite roles
    List<ServiceClient> matrixClients = new ArrayList<>();
    matrixClients.add(new ServiceClient("matrix-none", "no roles", List.of()));
    for (String permission : RealmDefinition.PERMISSIONS) {
      matrixClients.add(new ServiceClient(matrixClient(permission), "only " + permission, List.of(permission)));
    }
    RealmDefinition realm = new RealmDefinition(gatewayRealm.realm(), gatewayRealm.audience(),
        gatewayRealm.permissions(), gatewayRealm.composites(), matrixClients);
    Map<String, String> secrets = new HashMap<>();
    matrixClients.forEach(c -> secrets.put(c.clientId(), c.clientId() + "-secret"));
    new KeycloakBootstrap(admin).apply(realm, secrets);

    List<Caller> callers = new ArrayList<>();
    callers.add(Caller.anonymous());
    for (ServiceClient client : matrixClients) {
      callers.add(new Caller(client.clientId(), accessToken(realm.realm(), client.clientId(),
          client.clientId() + "-secret"), client.realmRoles()));
    }
    Map<String, List<String>> composites = new HashMap<>();
    gatewayRealm.composites().forEach(c -> composites.put(c.name(), c.includes()));
    callers.add(new Caller("neo-reader", accessToken(realm.realm(), "neo-reader", "gw-reader-secret"),
        composites.get("neo-viewer")));
    callers.add(new Caller("neo-operator", accessToken(realm.realm(), "neo-operator", "gw-operator-secret"),
        composites.get("neo-operator")));
    callers.add(new Caller("neo-admin", accessToken(realm.realm(), "neo-admin", "gw-admin-secret"),
        composites.get("neo-admin")));
    var operations = gateway.operations();
    assertThat(operations).extracting(OpenApiOperations.Operation::key)
        .containsExactlyInAnyOrderElementsOf(OperationPermissions.expected().keySet());
    String seeder = callers.get(callers.size() - 1).token();
    MatrixSeed.Ids ids = MatrixSeed.seed(KafkaTestBroker.shared(), gateway.topics(), gateway.keys(), callers.size(),
        path -> gateway.send("GET", path, seeder, null).status() == 200);

    // when
    List<String> mismatches = MatrixWalk.mismatches(operations, ids, callers, gateway::send);

    // then
    assertThat(mismatches).isEmpty();
  }

  private static String matrixClient(String permission) {
    return "matrix-" + permission.replace(':', '-');
  }

  @Test
  void aTokenFromAnotherRealmIsRefused() throws Exception {
    RealmDefinition other = RealmDefinition.neo(uniqueRealm());
    new KeycloakBootstrap(admin).apply(other, Map.of("neo-admin", "other-admin-secret"));

    String foreign = accessToken(other.realm(), "neo-admin", "other-admin-secret");

    assertThat(gateway.status("GET", "/api/v1/migrations/executions", foreign, null)).isEqualTo(401);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() throws Exception {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId("no-audience-" + UUID.randomUUID().toString().substring(0, 6));
    client.setEnabled(true);
    client.setPublicClient(false);
    client.setServiceAccountsEnabled(true);
    client.setStandardFlowEnabled(false);
    client.setSecret("no-audience-secret");
    var realm = admin.realm(gatewayRealm.realm());
    realm.clients().create(client).close();
    String id = realm.clients().findByClientId(client.getClientId()).get(0).getId();
    var account = realm.clients().get(id).getServiceAccountUser();
    realm.users().get(account.getId()).roles().realmLevel()
        .add(List.of(realm.roles().get("infrastructure:admin").toRepresentation()));

    String token = accessToken(gatewayRealm.realm(), client.getClientId(), "no-audience-secret");

    assertThat(audiences(JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]))))
        .doesNotContain("neo-gateway");
    assertThat(gateway.status("GET", "/api/v1/migrations/executions", token, null)).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    // A client of its own: a shortened token lifespan must not leak into the other tests' clients.
    String clientId = "short-lived-" + UUID.randomUUID().toString().substring(0, 6);
    new KeycloakBootstrap(admin).apply(new RealmDefinition(gatewayRealm.realm(), gatewayRealm.audience(),
        gatewayRealm.permissions(), gatewayRealm.composites(),
        List.of(new ServiceClient(clientId, "tokens that expire quickly", List.of("migrations:read")))),
        Map.of(clientId, "short-lived-secret"));
    var realm = admin.realm(gatewayRealm.realm());
    ClientRepresentation client = realm.clients().findByClientId(clientId).get(0);
    client.getAttributes().put("access.token.lifespan", "15");
    realm.clients().get(client.getId()).update(client);

    String token = accessToken(gatewayRealm.realm(), clientId, "short-lived-secret");
    long expiresAt = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("exp").asLong();
    assertThat(expiresAt - java.time.Instant.now().getEpochSecond()).isLessThanOrEqualTo(15);
    assertThat(gateway.status("GET", "/api/v1/migrations/executions", token, null)).isEqualTo(200);

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .until(() -> gateway.status("GET", "/api/v1/migrations/executions", token, null) == 401);
    assertThat(java.time.Instant.now().getEpochSecond()).isGreaterThanOrEqualTo(expiresAt);
  }

  @Test
  void aRoleRemovedInKeycloakIsGoneFromTheNextTokenAndTheGatewayRefuses() throws Exception {
    String tenant = "{\"tenant_id\":\"kc-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"region\":\"eu-1\"}";
    String before = accessToken(gatewayRealm.realm(), "neo-tenant-service", "gw-tenants-secret");
    assertThat(gateway.status("POST", "/api/v1/tenants", before, tenant)).isIn(201, 202);

    gatewayRealm = gatewayRealm.withClientRoles("neo-tenant-service", List.of("databases:read"));
    new KeycloakBootstrap(admin).apply(gatewayRealm, Map.of());

    String after = accessToken(gatewayRealm.realm(), "neo-tenant-service", "gw-tenants-secret");
    assertThat(gateway.status("POST", "/api/v1/tenants", after, tenant)).isEqualTo(403);
  }

  private String accessToken(String realm, String client, String secret) throws Exception {
    HttpResponse<String> response = token(realm, client, secret);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  private HttpResponse<String> token(String realm, String client, String secret) throws Exception {
    String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(
            URI.create(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode claims(String tokenResponse) throws Exception {
    String jwt = JSON.readTree(tokenResponse).get("access_token").asText();
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static List<String> roles(JsonNode claims) {
    return JSON.convertValue(claims.path("realm_access").path("roles"), List.class);
  }

  private static List<String> audiences(JsonNode claims) {
    JsonNode aud = claims.get("aud");
    return aud.isArray() ? JSON.convertValue(aud, List.class) : List.of(aud.asText());
  }

  private static String uniqueRealm() {
    return "neo-it-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
