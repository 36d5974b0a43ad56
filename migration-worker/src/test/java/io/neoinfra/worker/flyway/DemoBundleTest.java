package io.neoinfra.worker.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.rollback.UndoRunner;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bundle shipped at the default location works for every scope, here on an in-memory H2 database. */
class DemoBundleTest {

  private final MigrationBundle bundle = new MigrationBundle("classpath:neo/migrations", getClass().getClassLoader());
  private final FlywayRunner flyway = new FlywayRunner(getClass().getClassLoader());

  @Test
  void everyScopeMigratesAndUndoesOnH2() {
    for (Scope scope : List.of(Scope.ADMIN, Scope.REGIONAL, Scope.TENANT)) {
      MigrationSet set = bundle.set(scope).orElseThrow();
      String latest = set.latestVersion().orElseThrow();
      try (HikariDataSource dataSource = h2()) {
        // when
        OperationOutcome migrated = flyway.run(task(MigrationOperation.MIGRATE, List.of()), dataSource, set, s -> { });
        OperationOutcome undone = new UndoRunner(flyway).undo(task(MigrationOperation.UNDO, List.of(latest)),
            dataSource, set, s -> { });

        // then
        assertThat(migrated.versionAfter()).as(scope.name()).isEqualTo(latest);
        assertThat(undone.applied()).hasSize(1);
        assertThat(flyway.run(task(MigrationOperation.INFO, List.of()), dataSource, set, s -> { }).pending())
            .containsExactly(latest);
      }
    }
  }

  private static HikariDataSource h2() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:demo_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  private static MigrationTask task(MigrationOperation operation, List<String> undo) {
    TargetConnection h2 = new TargetConnection(Engine.H2, null, null, "demo", null, "sa", null);
    return new MigrationTask("t-1", "e-1", "demo", "demo", operation, Scope.TENANT, h2, null, undo, false, 60,
        Priority.NORMAL, 1, Instant.now());
  }
}
