package io.neoinfra.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.admin.keycloak.RealmChange.Action;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

/** The realm bootstrap and export against a real Keycloak server started for this class. */
class KeycloakRealmIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeycloakServer server;
  private static Keycloak admin;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startKeycloak() throws Exception {
    server = KeycloakServer.start();
    admin = KeycloakBuilder.builder().serverUrl(server.baseUrl()).realm("master").clientId("admin-cli")
        .username(KeycloakServer.ADMIN_USER).password(server.adminPassword()).build();
  }

  @AfterAll
  static void stopKeycloak() {
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
