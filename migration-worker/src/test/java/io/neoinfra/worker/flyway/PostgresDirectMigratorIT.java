package io.neoinfra.worker.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.failure.TaskFailureException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL direct path writes what stock Flyway writes (history rows, history table, lock), takes turns with
 * stock Flyway on one target, and hands everything it does not recognise to Flyway.
 */
class PostgresDirectMigratorIT {

  private final MigrationSet set = new MigrationBundle("classpath:bundles/basic", getClass().getClassLoader())
      .set(Scope.TENANT).orElseThrow();
  private final PostgresDirectMigrator direct = new PostgresDirectMigrator();
  private TestDatabase shared;
  private TestDatabase byFlyway;
  private TestDatabase byDirect;
  private HikariDataSource dataSource;

  @BeforeEach
  void createSchemas() {
    shared = LocalDatabaseServer.postgres().createDatabase("neo_direct");
    byFlyway = LocalDatabaseServer.postgres().createSchema(shared.databaseName(), "stock");
    byDirect = LocalDatabaseServer.postgres().createSchema(shared.databaseName(), "direct");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(shared.jdbcUrl());
    config.setUsername(shared.username());
    config.setPassword(shared.password());
    config.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(config);
  }

  @AfterEach
  void dropSchemas() {
    dataSource.close();
    shared.close();
  }

  @Test
  void writesTheHistoryStockFlywayWritesAndStockFlywayAgrees() throws Exception {
    // given
    stockFlyway(byFlyway).load().migrate();
    List<AppliedScript> reported = new CopyOnWriteArrayList<>();

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        reported::add);

    // then: done without Flyway, reported per script
    assertThat(result.complete()).isTrue();
    assertThat(result.versionBefore()).isNull();
    assertThat(result.versionAfter()).isEqualTo("5");
    assertThat(reported).extracting(AppliedScript::script).containsExactly("V1__create_accounts.sql",
        "V2__add_email.sql", "V3__create_orders.sql", "V4__create_audit_log.sql", "V5__seed.sql");
    // and: the same rows and the same history table as stock Flyway's
    assertThat(history(byDirect)).isEqualTo(history(byFlyway));
    assertThat(historyTableDefinition(byDirect)).isEqualTo(historyTableDefinition(byFlyway));
    // and: stock Flyway validates, sees everything applied, and has nothing to do
    Flyway stock = stockFlyway(byDirect).load();
    stock.validate();
    assertThat(stock.info().all()).extracting(m -> m.getState()).containsOnly(MigrationState.SUCCESS);
    assertThat(stock.migrate().migrationsExecuted).isZero();
  }

  @Test
  void reportsTheVersionTheHistoryHoldsWhenAnotherRunAppliedScriptsInBetween() throws Exception {
    // given: a second run of the same target (a task delivered twice, say) applies 2..5 while this one is between
    // its first and second script
    stockFlyway(byFlyway).load().migrate();
    Flyway other = stockFlyway(byDirect).load();
    List<AppliedScript> reported = new CopyOnWriteArrayList<>();
    ScriptListener interleaved = script -> {
      reported.add(script);
      if (script.version().equals("1")) {
        other.migrate();
      }
    };

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        interleaved);

    // then: this run applied 1 only, and reports where the target stands, not its own last script
    assertThat(result.complete()).isTrue();
    assertThat(result.applied()).extracting(AppliedScript::version).containsExactly("1");
    assertThat(result.versionAfter()).isEqualTo("5");
    // and: every script once, as stock Flyway alone would have it
    assertThat(history(byDirect)).isEqualTo(history(byFlyway));
  }

  @Test
  void continuesWhereStockFlywayStoppedAndStopsAtTheTargetVersion() throws Exception {
    // given: stock Flyway applied 1 and 2
    stockFlyway(byFlyway).load().migrate();
    stockFlyway(byDirect).target("2").load().migrate();

    // when: the direct path goes to 4, then to the latest
    PostgresDirectMigrator.Result toFour = direct.migrate(dataSource, set, byDirect.schema(),
        MigrationVersion.fromVersion("4"), s -> { });
    PostgresDirectMigrator.Result toLatest = direct.migrate(dataSource, set, byDirect.schema(),
        MigrationVersion.LATEST, s -> { });

    // then
    assertThat(toFour.complete()).isTrue();
    assertThat(toFour.versionBefore()).isEqualTo("2");
    assertThat(toFour.applied()).extracting(AppliedScript::version).containsExactly("3", "4");
    assertThat(toLatest.applied()).extracting(AppliedScript::version).containsExactly("5");
    assertThat(history(byDirect)).isEqualTo(history(byFlyway));
  }

  @Test
  void createsAMissingSchemaWithTheRowsStockFlywayWritesWhenItCreatesOne() throws Exception {
    // given: neither schema exists; stock Flyway creates its own (createSchemas, its default)
    execute("DROP SCHEMA " + byFlyway.schema());
    execute("DROP SCHEMA " + byDirect.schema());
    stockFlyway(byFlyway).load().migrate();

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        s -> { });

    // then: the schema-creation row at rank 0, then the five scripts, as stock Flyway wrote them
    assertThat(result.complete()).isTrue();
    assertThat(result.versionAfter()).isEqualTo("5");
    assertThat(withoutSchemaName(history(byDirect), byDirect)).isEqualTo(withoutSchemaName(history(byFlyway), byFlyway));
    assertThat(rows("SELECT description FROM " + byDirect.schema() + ".flyway_schema_history WHERE installed_rank = 0"))
        .containsExactly(PostgresDirectMigrator.SCHEMA_CREATION);
    assertThat(historyTableDefinition(byDirect)).isEqualTo(historyTableDefinition(byFlyway));
    Flyway stock = stockFlyway(byDirect).load();
    stock.validate();
    assertThat(stock.migrate().migrationsExecuted).isZero();
  }

  @Test
  void aFailingFirstScriptLeavesNoSchemaBehindAndFlywayReportsIt() throws Exception {
    // given: no schema, and a first script that fails (a table the search path cannot see)
    execute("DROP SCHEMA " + byDirect.schema());
    MigrationSet failing = new MigrationBundle("classpath:bundles/failing", getClass().getClassLoader())
        .set(Scope.TENANT).orElseThrow();

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, failing, byDirect.schema(),
        MigrationVersion.LATEST, s -> { });

    // then: everything of the failed transaction is gone, the schema too, for Flyway to run and report
    assertThat(result.complete()).isFalse();
    assertThat(result.applied()).isEmpty();
    assertThat(rows("SELECT nspname FROM pg_namespace WHERE nspname = '" + byDirect.schema() + "'")).isEmpty();
  }

  @Test
  void continuesAfterTheSchemaCreationRowOfASchemaStockFlywayCreated() throws Exception {
    // given: stock Flyway created the schema and applied 1 and 2
    execute("DROP SCHEMA " + byDirect.schema());
    stockFlyway(byDirect).target("2").load().migrate();

    // when
    PostgresDirectMigrator.Result rest = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        s -> { });

    // then
    assertThat(rest.complete()).isTrue();
    assertThat(rest.applied()).extracting(AppliedScript::version).containsExactly("3", "4", "5");
    assertThat(rows("SELECT type FROM " + byDirect.schema() + ".flyway_schema_history WHERE installed_rank = 0"))
        .containsExactly("SCHEMA");
    Flyway stock = stockFlyway(byDirect).load();
    stock.validate();
    assertThat(stock.migrate().migrationsExecuted).isZero();
  }

  @Test
  void handsAChecksumMismatchToFlywayWhichFailsTheTaskAsNotRetryable() throws Exception {
    // given: applied, then a history row no longer matches its script
    direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.fromVersion("3"), s -> { });
    execute("UPDATE " + byDirect.schema() + ".flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        s -> { });

    // then: nothing done here; through the runner, Flyway's validation fails the task as a checksum mismatch
    assertThat(result.complete()).isFalse();
    assertThat(result.applied()).isEmpty();
    FlywayRunner runner = new FlywayRunner(getClass().getClassLoader(), true);
    assertThatThrownBy(() -> runner.run(migrate(byDirect), dataSource, set, s -> { }))
        .isInstanceOfSatisfying(TaskFailureException.class, e -> {
          assertThat(e.error().kind()).isEqualTo(FailureKind.CHECKSUM_MISMATCH);
          assertThat(e.error().kind().retryable()).isFalse();
        });
    assertThat(versions(byDirect)).containsExactly("1", "2", "3");
  }

  @Test
  void leavesANonEmptySchemaWithoutHistoryToFlyway() throws Exception {
    // given
    execute("CREATE TABLE " + byDirect.schema() + ".legacy (id INT)");

    // when
    PostgresDirectMigrator.Result result = direct.migrate(dataSource, set, byDirect.schema(), MigrationVersion.LATEST,
        s -> { });

    // then: no history table was created; stock Flyway's own refusal stands
    assertThat(result.complete()).isFalse();
    assertThat(historyTableDefinition(byDirect)).isEmpty();
    FlywayRunner runner = new FlywayRunner(getClass().getClassLoader(), true);
    assertThatThrownBy(() -> runner.run(migrate(byDirect), dataSource, set, s -> { }))
        .hasMessageContaining("non-empty schema");
  }

  @Test
  void takesFlywaysLockSoThatBothRunningAtOnceApplyEachVersionOnce() throws Exception {
    // when: stock Flyway and two direct runs migrate the same schema at the same time
    List<CompletableFuture<?>> runs = new ArrayList<>();
    runs.add(CompletableFuture.runAsync(() -> stockFlyway(byDirect).load().migrate()));
    for (int i = 0; i < 2; i++) {
      runs.add(CompletableFuture.runAsync(() -> direct.migrate(dataSource, set, byDirect.schema(),
          MigrationVersion.LATEST, s -> { })));
    }
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

    // then
    assertThat(versions(byDirect)).containsExactly("1", "2", "3", "4", "5");
    stockFlyway(byDirect).load().validate();
  }

  private MigrationTask migrate(TestDatabase db) {
    return migrateTo(db, null);
  }

  private MigrationTask migrateTo(TestDatabase db, String targetVersion) {
    TargetConnection connection = new TargetConnection(Engine.POSTGRESQL, db.host(), db.port(), db.databaseName(),
        db.schema(), db.username(), null);
    return new MigrationTask("t-1", "e-1", "target", db.databaseName(), MigrationOperation.MIGRATE, Scope.TENANT,
        connection, targetVersion, List.of(), false, 60, Priority.NORMAL, 1, Instant.now());
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration stockFlyway(TestDatabase db) {
    try {
      Path folder = Path.of(PostgresDirectMigratorIT.class.getResource("/bundles/basic/tenant").toURI());
      return Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
          .locations("filesystem:" + folder).schemas(db.schema());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = shared.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every column Flyway reads, except when and how long. */
  private List<String> history(TestDatabase db) throws SQLException {
    return rows("SELECT installed_rank, version, description, type, script, checksum, installed_by, success FROM "
        + db.schema() + ".flyway_schema_history ORDER BY installed_rank");
  }

  private static List<String> withoutSchemaName(List<String> rows, TestDatabase db) {
    return rows.stream().map(row -> row.replace(db.schema(), "<schema>")).toList();
  }

  private List<String> versions(TestDatabase db) throws SQLException {
    return rows("SELECT version FROM " + db.schema() + ".flyway_schema_history WHERE success ORDER BY installed_rank");
  }

  /** Columns (name, type, length, nullability, default), constraints and indexes, with the schema name left out. */
  private List<String> historyTableDefinition(TestDatabase db) throws SQLException {
    String schema = db.schema();
    List<String> definition = new ArrayList<>(rows("SELECT column_name, data_type, character_maximum_length,"
        + " is_nullable, column_default, ordinal_position FROM information_schema.columns WHERE table_schema = '"
        + schema + "' AND table_name = 'flyway_schema_history' ORDER BY ordinal_position"));
    definition.addAll(rows("SELECT conname, contype, pg_get_constraintdef(c.oid) FROM pg_constraint c"
        + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = '" + schema + "' ORDER BY conname"));
    definition.addAll(rows("SELECT indexname, replace(indexdef, '" + schema + ".', '') FROM pg_indexes"
        + " WHERE schemaname = '" + schema + "' AND tablename = 'flyway_schema_history' ORDER BY indexname"));
    return definition;
  }

  private List<String> rows(String sql) throws SQLException {
    try (Connection c = shared.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join("|", row));
      }
      return rows;
    }
  }
}
