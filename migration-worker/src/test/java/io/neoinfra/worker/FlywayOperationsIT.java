package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.ScriptApplied;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.TestDatabase;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Migrate, info, dry run, validate and undo through the worker on each kind of target. */
class FlywayOperationsIT {

  private static WorkerFixture fixture;

  @BeforeAll
  static void startWorker() {
    fixture = WorkerFixture.start("classpath:bundles/basic", b -> b.concurrency(2));
  }

  @AfterAll
  static void stopWorker() {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(TargetKind.class)
  void migratesToTargetVersionThenDryRunsInfosValidatesAndMigratesToLatest(TargetKind kind) throws Exception {
    try (TargetKind.Target target = kind.create()) {
      TargetConnection connection = WorkerFixture.connectionTo(target.db());

      // when: migrate to version 3
      var toThree = WorkerFixture.task(connection).targetVersion("3").build();
      fixture.publish(toThree);
      TaskSucceeded migrated = fixture.awaitSuccess(toThree.taskId());

      // then
      assertThat(migrated.versionBefore()).isNull();
      assertThat(migrated.versionAfter()).isEqualTo("3");
      assertThat(migrated.applied()).extracting(AppliedScript::version).containsExactly("1", "2", "3");
      assertThat(fixture.resultsOf(toThree.taskId()))
          .first().isInstanceOf(TaskStarted.class);
      assertThat(fixture.resultsOf(toThree.taskId()).stream().filter(ScriptApplied.class::isInstance))
          .extracting(r -> ((ScriptApplied) r).script().script())
          .containsExactly("V1__create_accounts.sql", "V2__add_email.sql", "V3__create_orders.sql");

      // when: info and dry run
      var info = WorkerFixture.task(connection).operation(MigrationOperation.INFO).build();
      var dryRun = WorkerFixture.task(connection).dryRun().build();
      fixture.publish(info);
      fixture.publish(dryRun);

      // then: both see 4 and 5 pending, and the dry run applied nothing
      assertThat(fixture.awaitSuccess(info.taskId()).pending()).containsExactly("4", "5");
      TaskSucceeded dry = fixture.awaitSuccess(dryRun.taskId());
      assertThat(dry.pending()).containsExactly("4", "5");
      assertThat(dry.applied()).isEmpty();
      assertThat(historyVersions(target.db())).containsExactly("1", "2", "3");

      // when: validate, then migrate to latest
      var validate = WorkerFixture.task(connection).operation(MigrationOperation.VALIDATE).build();
      fixture.publish(validate);
      assertThat(fixture.awaitSuccess(validate.taskId()).versionAfter()).isEqualTo("3");
      var latest = WorkerFixture.task(connection).build();
      fixture.publish(latest);

      // then
      TaskSucceeded done = fixture.awaitSuccess(latest.taskId());
      assertThat(done.versionBefore()).isEqualTo("3");
      assertThat(done.versionAfter()).isEqualTo("5");
      assertThat(historyVersions(target.db())).containsExactly("1", "2", "3", "4", "5");
    }
  }

  @ParameterizedTest
  @EnumSource(TargetKind.class)
  void undoRevertsExactlyTheAskedVersionsAndStockFlywayStillValidates(TargetKind kind) throws Exception {
    try (TargetKind.Target target = kind.create()) {
      TargetConnection connection = WorkerFixture.connectionTo(target.db());
      var migrate = WorkerFixture.task(connection).build();
      fixture.publish(migrate);
      fixture.awaitSuccess(migrate.taskId());

      // when: undo 4 and 5 (given in any order; the worker goes newest first)
      var undo = WorkerFixture.task(connection).undo("4", "5").build();
      fixture.publish(undo);
      TaskSucceeded undone = fixture.awaitSuccess(undo.taskId());

      // then: the worker reports both, newest first, and the history holds 1..3
      assertThat(undone.applied()).extracting(AppliedScript::script)
          .containsExactly("U5__seed.sql", "U4__create_audit_log.sql");
      assertThat(undone.versionBefore()).isEqualTo("5");
      assertThat(undone.versionAfter()).isEqualTo("3");
      assertThat(historyVersions(target.db())).containsExactly("1", "2", "3");
      assertThat(tableExists(target.db(), "audit_log")).isFalse();

      // and: stock Flyway, scanning the bundle folder that holds the U files too, validates, shows 4 and 5 pending
      // and applies them again
      Flyway stock = stockFlyway(target.db()).ignoreMigrationPatterns("*:pending").load();
      stock.validate();
      assertThat(Arrays.stream(stock.info().all()).filter(m -> m.getState() == MigrationState.PENDING)
          .map(m -> m.getVersion().getVersion())).containsExactly("4", "5");
      assertThat(stock.migrate().migrationsExecuted).isEqualTo(2);
      assertThat(historyVersions(target.db())).containsExactly("1", "2", "3", "4", "5");
    }
  }

  @ParameterizedTest
  @EnumSource(TargetKind.class)
  void undoingTheSameVersionsTwiceIsHarmless(TargetKind kind) throws Exception {
    try (TargetKind.Target target = kind.create()) {
      TargetConnection connection = WorkerFixture.connectionTo(target.db());
      var migrate = WorkerFixture.task(connection).build();
      fixture.publish(migrate);
      fixture.awaitSuccess(migrate.taskId());
      var undo = WorkerFixture.task(connection).undo("5").build();
      fixture.publish(undo);
      fixture.awaitSuccess(undo.taskId());

      // when: the same undo is delivered again (at-least-once)
      fixture.publish(undo);

      // then
      await(undo.taskId(), 2);
      assertThat(historyVersions(target.db())).containsExactly("1", "2", "3", "4");
    }
  }

  @org.junit.jupiter.api.Test
  void migratesAndUndoesAnEmbeddedH2Database() {
    TargetConnection h2 = WorkerFixture.h2("neo_demo_" + java.util.UUID.randomUUID().toString().replace("-", ""));
    var migrate = WorkerFixture.task(h2).build();
    fixture.publish(migrate);
    assertThat(fixture.awaitSuccess(migrate.taskId()).versionAfter()).isEqualTo("5");

    var undo = WorkerFixture.task(h2).undo("5", "4", "3").build();
    fixture.publish(undo);
    assertThat(fixture.awaitSuccess(undo.taskId()).versionAfter()).isEqualTo("2");

    var info = WorkerFixture.task(h2).operation(MigrationOperation.INFO).build();
    fixture.publish(info);
    assertThat(fixture.awaitSuccess(info.taskId()).pending()).containsExactly("3", "4", "5");
  }

  private static void await(String taskId, int outcomes) {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        fixture.resultsOf(taskId).stream().filter(TaskSucceeded.class::isInstance).count() >= outcomes);
  }

  static FluentConfiguration stockFlyway(TestDatabase db) throws URISyntaxException {
    Path folder = Path.of(FlywayOperationsIT.class.getResource("/bundles/basic/tenant").toURI());
    FluentConfiguration config = Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("filesystem:" + folder);
    return db.schema() == null ? config : config.schemas(db.schema());
  }

  static List<String> historyVersions(TestDatabase db) throws SQLException {
    String table = db.schema() == null ? "flyway_schema_history" : db.schema() + ".flyway_schema_history";
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT version FROM " + table + " WHERE success = " + ("postgresql".equals(db.engine()) ? "true" : "1")
            + " AND version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new java.util.ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getString(1));
      }
      return versions;
    }
  }

  static boolean tableExists(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.connect();
        ResultSet rs = c.getMetaData().getTables("postgresql".equals(db.engine()) ? null : db.databaseName(),
            db.schema() == null ? null : db.schema(), table, null)) {
      return rs.next();
    }
  }
}
