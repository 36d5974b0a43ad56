package io.neoinfra.worker.rollback;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.worker.failure.TaskFailureException;
import io.neoinfra.worker.flyway.BundleScript;
import io.neoinfra.worker.flyway.FlywayRunner;
import io.neoinfra.worker.flyway.MigrationSet;
import io.neoinfra.worker.flyway.OperationOutcome;
import io.neoinfra.worker.flyway.ScriptListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The undo Flyway's free edition lacks: for exactly the versions of the task, newest first, runs
 * {@code U<version>__*.sql} and deletes the version's row from {@code flyway_schema_history}, both in one transaction
 * (PostgreSQL and H2 roll DDL back; MariaDB commits DDL implicitly, so there the row is deleted right after the script
 * succeeded). Afterwards stock Flyway's {@code info} shows the versions as pending and {@code validate} passes.
 *
 * <p>Re-running the same task is safe: versions that are no longer applied are skipped. Undoing a version below one
 * that stays applied is refused, since the later version may depend on it.
 */
public final class UndoRunner {

  private static final String HISTORY_TABLE = "flyway_schema_history";

  private final FlywayRunner flyway;

  public UndoRunner(FlywayRunner flyway) {
    this.flyway = flyway;
  }

  public OperationOutcome undo(MigrationTask task, DataSource dataSource, MigrationSet set, ScriptListener listener) {
    String schema = task.connection().schema();
    MigrationInfoService before = flyway.configure(dataSource, set, schema).load().info();
    Set<MigrationVersion> applied = Arrays.stream(before.applied())
        .filter(m -> m.getVersion() != null && m.getState().isApplied() && !m.getState().isFailed())
        .map(MigrationInfo::getVersion)
        .collect(Collectors.toCollection(TreeSet::new));
    List<MigrationVersion> requested = task.undoVersions().stream().map(MigrationVersion::fromVersion).toList();
    List<MigrationVersion> toUndo = requested.stream().filter(applied::contains)
        .sorted(Comparator.reverseOrder()).toList();
    refuseGaps(applied, requested, toUndo);
    List<BundleScript> scripts = new ArrayList<>();
    for (MigrationVersion version : toUndo) {
      scripts.add(set.undoScript(version.getVersion()).orElseThrow(() -> new TaskFailureException(
          FailureKind.UNDO_SCRIPT_MISSING, "no undo script U" + version.getVersion() + "__*.sql in "
              + set.scope().folder() + "/")));
    }
    String versionBefore = version(before.current());
    if (task.dryRun()) {
      // A dry run checks everything a real undo would (versions applied, no gap, an undo script for each) and
      // reports, as pending, the versions it would undo, newest first; it changes nothing.
      return new OperationOutcome(versionBefore, versionBefore, List.of(),
          toUndo.stream().map(MigrationVersion::getVersion).toList());
    }
    List<AppliedScript> undone = new ArrayList<>();
    Engine engine = task.connection().engine();
    try (Connection connection = dataSource.getConnection()) {
      SchemaSwitch restore = SchemaSwitch.enter(connection, engine, schema);
      try {
        for (int i = 0; i < toUndo.size(); i++) {
          AppliedScript script = undoOne(connection, engine, schema, toUndo.get(i), scripts.get(i));
          undone.add(script);
          listener.scriptFinished(script);
        }
      } finally {
        restore.leave();
      }
    } catch (SQLException e) {
      throw new TaskFailureException(new TaskError(FailureKind.CONNECTION_REFUSED, e.getMessage(), null, null,
          e.getSQLState()));
    }
    String versionAfter = version(flyway.configure(dataSource, set, schema).load().info().current());
    return new OperationOutcome(versionBefore, versionAfter, undone, List.of());
  }

  private static void refuseGaps(Set<MigrationVersion> applied, List<MigrationVersion> requested,
      List<MigrationVersion> toUndo) {
    if (toUndo.isEmpty()) {
      return;
    }
    MigrationVersion lowest = toUndo.get(toUndo.size() - 1);
    List<String> blocking = applied.stream()
        .filter(v -> v.compareTo(lowest) > 0 && !requested.contains(v))
        .map(MigrationVersion::getVersion)
        .toList();
    if (!blocking.isEmpty()) {
      throw new TaskFailureException(FailureKind.VALIDATION_FAILED, "cannot undo " + lowest.getVersion()
          + ": later versions " + blocking + " stay applied; undo them too or first");
    }
  }

  private AppliedScript undoOne(Connection connection, Engine engine, String schema, MigrationVersion version,
      BundleScript script) {
    long started = System.nanoTime();
    boolean autoCommit = getAutoCommit(connection);
    SqlScriptSplitter.SqlStatement current = null;
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (SqlScriptSplitter.SqlStatement sql : SqlScriptSplitter.split(script.sql())) {
          current = sql;
          statement.execute(sql.sql());
        }
      }
      current = null;
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM " + historyTable(engine, schema) + " WHERE " + versionColumn(engine) + " = ?")) {
        delete.setString(1, version.getVersion());
        delete.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      rollbackQuietly(connection, e);
      throw new TaskFailureException(new TaskError(FailureKind.SQL_ERROR, e.getMessage(), script.getFilename(),
          current == null ? null : current.line(), e.getSQLState()));
    } finally {
      try {
        connection.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // The connection is broken; the pool discards it on close.
      }
    }
    return new AppliedScript(version.getVersion(), script.getFilename(), (System.nanoTime() - started) / 1_000_000);
  }

  private static boolean getAutoCommit(Connection connection) {
    try {
      return connection.getAutoCommit();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void rollbackQuietly(Connection connection, SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static String historyTable(Engine engine, String schema) {
    return switch (engine) {
      case MARIADB, MYSQL -> "`" + HISTORY_TABLE + "`";
      case POSTGRESQL, H2 -> (schema == null ? "" : quote(schema) + ".") + quote(HISTORY_TABLE);
    };
  }

  /** Flyway creates the history columns in lower case; H2 folds unquoted names to upper case, so quote them. */
  static String versionColumn(Engine engine) {
    return switch (engine) {
      case MARIADB, MYSQL -> "`version`";
      case POSTGRESQL, H2 -> quote("version");
    };
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String version(MigrationInfo info) {
    return info == null || info.getVersion() == null ? null : info.getVersion().getVersion();
  }
}
