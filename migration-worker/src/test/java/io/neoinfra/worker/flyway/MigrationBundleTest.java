package io.neoinfra.worker.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Scope;
import java.util.List;
import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

class MigrationBundleTest {

  private final MigrationBundle bundle = new MigrationBundle("classpath:bundles/basic", getClass().getClassLoader());

  @Test
  void keepsUndoScriptsOutOfFlywaysView() {
    // when
    MigrationSet tenant = bundle.set(Scope.TENANT).orElseThrow();

    // then: Flyway is offered V scripts only, whatever prefix it asks for
    assertThat(tenant.resourceProvider().getResources("V", new String[] {".sql"}))
        .extracting(LoadableResource::getFilename)
        .containsExactly("V1__create_accounts.sql", "V2__add_email.sql", "V3__create_orders.sql",
            "V4__create_audit_log.sql", "V5__seed.sql");
    assertThat(tenant.resourceProvider().getResources("U", new String[] {".sql"})).isEmpty();
    assertThat(tenant.undoScript("5")).map(BundleScript::getFilename).contains("U5__seed.sql");
    assertThat(tenant.latestVersion()).contains("5");
  }

  @Test
  void resolvesEachScopeOnceAndKnowsWhichScopesItLacks() {
    assertThat(bundle.set(Scope.TENANT).orElseThrow()).isSameAs(bundle.set(Scope.TENANT).orElseThrow());
    assertThat(bundle.set(Scope.ADMIN)).isEmpty();
    assertThat(bundle.set(Scope.ALL)).isEmpty();
  }

  @Test
  void readsTheSameScriptsFromADirectory() throws Exception {
    String dir = java.nio.file.Path.of(getClass().getResource("/bundles/basic").toURI()).toString();
    MigrationSet fromDisk = new MigrationBundle("filesystem:" + dir, getClass().getClassLoader())
        .set(Scope.TENANT).orElseThrow();

    assertThat(fromDisk.flywayScripts()).extracting(BundleScript::sql)
        .isEqualTo(bundle.set(Scope.TENANT).orElseThrow().flywayScripts().stream().map(BundleScript::sql).toList());
    assertThat(List.copyOf(fromDisk.undoScripts().keySet())).containsExactlyInAnyOrder("1", "2", "3", "4", "5");
  }
}
