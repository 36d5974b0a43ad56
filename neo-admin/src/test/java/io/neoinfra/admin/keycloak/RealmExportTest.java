package io.neoinfra.admin.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealmExportTest {

  @Test
  void theCommittedRealmFileIsWhatTheDefinitionProduces() throws Exception {
    Path committed = Path.of("..", "deploy", "keycloak", "neo-realm.json");

    assertThat(Files.readString(committed))
        .as("deploy/keycloak/neo-realm.json is generated: ./neo admin realm-export --output deploy/keycloak/neo-realm.json")
        .isEqualTo(RealmExport.toJson(RealmDefinition.neo("neo")));
  }

  @Test
  void theExportHoldsNoSecretOnlyPlaceholders() {
    String json = RealmExport.toJson(RealmDefinition.neo("neo"));

    assertThat(json).contains("\"secret\" : \"${NEO_ADMIN_CLIENT_SECRET:neo-admin-secret}\"")
        .contains("${NEO_TENANT_SERVICE_CLIENT_SECRET:neo-tenant-service-secret}");
  }

  @Test
  void theBrowserClientIsPublicRequiresPkceS256AndHasNoSecret() {
    var browser = RealmRepresentations.export(RealmDefinition.neo("neo", List.of("https://neo.example/cb"))).getClients()
        .stream().filter(c -> c.getClientId().equals("neo-browser")).findFirst().orElseThrow();

    assertThat(browser.isPublicClient()).isTrue();
    assertThat(browser.isStandardFlowEnabled()).isTrue();
    assertThat(browser.isImplicitFlowEnabled()).isFalse();
    assertThat(browser.isDirectAccessGrantsEnabled()).isFalse();
    assertThat(browser.isServiceAccountsEnabled()).isFalse();
    assertThat(browser.getAttributes()).containsEntry("pkce.code.challenge.method", "S256");
    assertThat(browser.getRedirectUris()).containsExactly("https://neo.example/cb");
    assertThat(browser.getSecret()).isNull();
  }

  @Test
  void refusesAWildcardRedirect() {
    assertThatThrownBy(() -> RealmDefinition.neo("neo", List.of("https://neo.example/*")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exact");
  }

  @Test
  void everyPermissionOfTheDesignIsARole() {
    assertThat(RealmDefinition.neo("neo").allRoleNames()).containsAll(List.of("migrations:read",
        "migrations:execute", "migrations:rollback", "databases:read", "databases:write", "tenants:write",
        "deadletters:replay", "infrastructure:admin"));
  }

  @Test
  void refusesAClientWithARoleThatIsNotDefined() {
    RealmDefinition neo = RealmDefinition.neo("neo");

    assertThatThrownBy(() -> neo.withClientRoles("neo-reader", List.of("migrations:delete-everything")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown role migrations:delete-everything");
  }
}
