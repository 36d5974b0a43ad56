package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.worker.rollback.SqlScriptSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;

/**
 * The PostgreSQL fast path of {@code migrate} for the common case of a fleet: versioned scripts appended to a history
 * that already matches the bundle. Stock Flyway needs about 150 statements in 17 transactions for five scripts (role and
 * search-path resets, catalog checks, a lock transaction beside each script's transaction, validation); this path needs
 * the scripts' own statements plus five small ones per script, in one transaction per script, and writes exactly the
 * rows, table and lock Flyway would, so that stock Flyway and this path can take turns on one target.
 *
 * <p>It only appends, to a history that exists, to an empty schema, or to a tenant schema that does not exist yet: then
 * it creates the schema, the history table and Flyway's schema-creation row ({@code createSchemas}) in the transaction
 * of the first script, so that a crash leaves either nothing or the schema with that script recorded (Flyway creates
 * the schema and the history on connections of their own, so a kill between its commits can leave DDL without its
 * history row). Whenever the target is in any other state (a non-empty schema without history, a
 * history row that differs from the bundle in version order, script, description, checksum, type or success, a
 * repeatable script, a target below the current version) or the next script is one it does not run itself
 * (placeholders, {@code flyway:} directives, backslashes, statements PostgreSQL refuses in a transaction, COPY,
 * transaction control, session settings), it hands over to Flyway, which then decides, validates and reports as it
 * always does. A script that fails here is rolled back and handed over too, so Flyway re-runs it and reports the
 * script, line and message in its usual way; only a cancelled statement or a lost connection is thrown, so that
 * timeouts and shutdown stay what they were.
 */
final class PostgresDirectMigrator {

  static final String HISTORY_TABLE = "flyway_schema_history";
  /** Flyway's PostgreSQL advisory-lock base ("Flyway" in ASCII); the lock is this plus the table name's hash. */
  private static final long FLYWAY_LOCK_BASE = (0x46L << 40) + (0x6CL << 32) + (0x79L << 24) + (0x77 << 16)
      + (0x61 << 8) + 0x79;
  /** Statements that cannot run in a transaction block, or change the session beyond it: Flyway runs those. */
  private static final Pattern NOT_DIRECT = Pattern.compile("^(VACUUM|DISCARD|ALTER SYSTEM|CREATE DATABASE|DROP "
      + "DATABASE|ALTER DATABASE|CREATE TABLESPACE|DROP TABLESPACE|ALTER TABLESPACE|REINDEX|CLUSTER|CHECKPOINT|COPY|"
      + "BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE|CREATE SUBSCRIPTION|"
      + "ALTER SUBSCRIPTION|DROP SUBSCRIPTION|ALTER TYPE|SET|RESET|LISTEN|UNLISTEN|NOTIFY|LOAD)\\b"
      + "|\\bCONCURRENTLY\\b|\\bBEGIN ATOMIC\\b|\\bSET_CONFIG\\b");

  /**
   * What the path did: the whole migrate ({@code complete}), or the scripts it applied before handing over. Only a
   * complete run has a {@code versionAfter}: what the history said under the lock at the end, not its own last script,
   * since another run of the same target (a task delivered twice after a rebalance, say) may have applied scripts in
   * between. After a hand-over, Flyway says where the target ends.
   */
  record Result(boolean complete, String versionBefore, String versionAfter, List<AppliedScript> applied) {
    static final Result NOT_USED = new Result(false, null, null, List.of());

    Result {
      applied = List.copyOf(applied);
    }

    /** A run that stopped before the end: it knows only the scripts it applied itself. */
    static Result handingOver(String versionBefore, List<AppliedScript> applied) {
      return new Result(false, versionBefore, null, applied);
    }
  }

  /** A cancelled statement or a lost connection: not something Flyway could recover from on this task. */
  static final class Interrupted extends RuntimeException {
    Interrupted(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** One versioned script as Flyway would record it, split into statements once per migration set. */
  private record Script(BundleScript resource, MigrationVersion version, String description, int checksum,
      List<String> statements, boolean direct) {}

  /** Per migration set: its versioned scripts in version order, or empty when the set has repeatable scripts. */
  private final Map<MigrationSet, Optional<List<Script>>> prepared = new ConcurrentHashMap<>();

  Result migrate(DataSource dataSource, MigrationSet set, String schema, MigrationVersion target,
      ScriptListener listener) {
    Optional<List<Script>> scripts = prepared.computeIfAbsent(set, PostgresDirectMigrator::prepare);
    if (scripts.isEmpty()) {
      return Result.NOT_USED;
    }
    List<AppliedScript> applied = new ArrayList<>();
    String before = null;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      String name = schema != null ? schema : currentSchema(connection);
      if (name == null) {
        return Result.NOT_USED;
      }
      boolean first = true;
      while (true) {
        Step step = nextStep(connection, name, scripts.get(), target);
        if (first) {
          before = step.currentVersion;
          first = false;
        }
        if (step.next == null) {
          connection.rollback(); // read only; ends the transaction and releases the lock
          return step.done ? new Result(true, before, step.currentVersion, applied)
              : Result.handingOver(before, applied);
        }
        AppliedScript done = apply(connection, name, step);
        if (done == null) {
          return Result.handingOver(before, applied);
        }
        applied.add(done);
        listener.scriptFinished(done);
      }
    } catch (SQLException e) {
      if (isInterruption(e)) {
        throw new Interrupted(e);
      }
      // Anything else (permissions, an unexpected catalog): Flyway meets it again and reports it its own way.
      return Result.handingOver(before, applied);
    }
  }

  /** Flyway's row for a schema it created ({@code createSchemas}), rank 0, before the first migration. */
  static final String SCHEMA_CREATION = "<< Flyway Schema Creation >>";

  /** The state under Flyway's lock: what is applied, and the next script to run here, if any. */
  private static final class Step {
    String currentVersion;
    boolean done;
    Script next;
    boolean createSchema;
    boolean createHistory;
    int rank;
    String installedBy;
  }

  private Step nextStep(Connection connection, String schema, List<Script> scripts, MigrationVersion target)
      throws SQLException {
    Step step = new Step();
    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, lockKey(schema));
      lock.execute();
    }
    boolean historyExists;
    boolean hasObjects;
    // One round trip: the schema, its history table, Flyway's installed_by, whether an unversioned schema is empty
    // (checked only when there is no history), and the search path Flyway uses for scripts (local to this
    // transaction, so the pooled connection goes back unchanged).
    try (PreparedStatement state = connection.prepareStatement("""
        SELECT to_regclass(format('%I.%I', n.nspname, ?)) IS NOT NULL, current_user,
               CASE WHEN to_regclass(format('%I.%I', n.nspname, ?)) IS NULL THEN
                 EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid)
                 OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = n.oid)
                 OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = n.oid)
               ELSE false END,
               set_config('search_path', format('%I', n.nspname) || ',' || current_setting('search_path'), true)
        FROM pg_catalog.pg_namespace n WHERE n.nspname = ?""")) {
      state.setString(1, HISTORY_TABLE);
      state.setString(2, HISTORY_TABLE);
      state.setString(3, schema);
      try (ResultSet rs = state.executeQuery()) {
        if (rs.next()) {
          historyExists = rs.getBoolean(1);
          step.installedBy = rs.getString(2);
          hasObjects = rs.getBoolean(3);
        } else {
          // No schema: created with the first script, as Flyway's createSchemas would (rank 0 is its marker row).
          step.createSchema = true;
          step.installedBy = currentUser(connection);
          historyExists = false;
          hasObjects = false;
        }
      }
    }
    int applied = 0;
    step.rank = 1;
    if (!historyExists) {
      if (hasObjects) {
        return step; // Flyway refuses a non-empty schema without history (or baselines it when configured to)
      }
      step.createHistory = true;
    } else {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT installed_rank, version, description, type, script, checksum,"
              + " success FROM " + table(schema) + " ORDER BY installed_rank")) {
        boolean firstRow = true;
        while (rs.next()) {
          boolean schemaCreated = firstRow && isSchemaCreationMarker(rs, schema);
          firstRow = false;
          if (schemaCreated) {
            step.rank = rs.getInt(1) + 1;
            continue; // Flyway created the schema and said so in rank 0: not a migration
          }
          if (applied >= scripts.size() || !matches(rs, scripts.get(applied))) {
            return step; // anything but the bundle's own prefix: Flyway validates and decides
          }
          step.rank = rs.getInt(1) + 1;
          step.currentVersion = scripts.get(applied).version().getVersion();
          applied++;
        }
      }
    }
    if (step.currentVersion != null && target.compareTo(MigrationVersion.fromVersion(step.currentVersion)) < 0) {
      return step; // a target below the current version is Flyway's to judge
    }
    if (applied == scripts.size() || scripts.get(applied).version().compareTo(target) > 0) {
      step.done = true;
      return step;
    }
    if (scripts.get(applied).direct()) {
      step.next = scripts.get(applied);
    }
    if (step.createSchema && step.next == null) {
      return new Step(); // nothing this path runs: Flyway creates the schema (even with nothing to apply) and decides
    }
    return step;
  }

  /** The row Flyway writes first when it created the schema itself ({@code createSchemas}). */
  private static boolean isSchemaCreationMarker(ResultSet row, String schema) throws SQLException {
    return "SCHEMA".equals(row.getString(4)) && row.getString(2) == null && row.getBoolean(7)
        && quote(schema).equals(row.getString(5));
  }

  private static boolean matches(ResultSet row, Script script) throws SQLException {
    int checksum = row.getInt(6);
    return !row.wasNull() && checksum == script.checksum()
        && script.version().getVersion().equals(row.getString(2))
        && script.description().equals(row.getString(3))
        && "SQL".equals(row.getString(4))
        && script.resource().getRelativePath().equals(row.getString(5))
        && row.getBoolean(7);
  }

  /** Runs the step's script and records it, in one transaction; null after a failure that Flyway should report. */
  private static AppliedScript apply(Connection connection, String schema, Step step) throws SQLException {
    Script script = step.next;
    try (Statement statement = connection.createStatement()) {
      if (step.createSchema) {
        statement.execute("CREATE SCHEMA " + quote(schema));
        try (PreparedStatement path = connection.prepareStatement(
            "SELECT set_config('search_path', format('%I', ?::text) || ',' || current_setting('search_path'), true)")) {
          path.setString(1, schema);
          path.execute();
        }
      }
      if (step.createHistory) {
        for (String ddl : createHistory(schema)) {
          statement.execute(ddl);
        }
      }
      if (step.createSchema) {
        try (PreparedStatement marker = connection.prepareStatement("INSERT INTO " + table(schema)
            + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
            + " VALUES (0, NULL, ?, 'SCHEMA', ?, NULL, ?, 0, true)")) {
          marker.setString(1, SCHEMA_CREATION);
          marker.setString(2, quote(schema));
          marker.setString(3, step.installedBy);
          marker.executeUpdate();
        }
      }
      long started = System.nanoTime();
      for (String sql : script.statements()) {
        statement.execute(sql);
      }
      int millis = (int) ((System.nanoTime() - started) / 1_000_000);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table(schema)
          + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
          + " VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, true)")) {
        insert.setInt(1, step.rank);
        insert.setString(2, script.version().getVersion());
        insert.setString(3, script.description());
        insert.setString(4, script.resource().getRelativePath());
        insert.setInt(5, script.checksum());
        insert.setString(6, step.installedBy);
        insert.setInt(7, millis);
        insert.executeUpdate();
      }
      connection.commit();
      return new AppliedScript(script.version().getVersion(), script.resource().getRelativePath(), millis);
    } catch (SQLException e) {
      rollbackQuietly(connection, e);
      if (isInterruption(e)) {
        throw e;
      }
      return null;
    }
  }

  /** The statements Flyway 11 runs to create its history table on PostgreSQL, verbatim. */
  static List<String> createHistory(String schema) {
    String table = table(schema);
    return List.of("""
        CREATE TABLE %s (
            "installed_rank" INT NOT NULL,
            "version" VARCHAR(50),
            "description" VARCHAR(200) NOT NULL,
            "type" VARCHAR(20) NOT NULL,
            "script" VARCHAR(1000) NOT NULL,
            "checksum" INTEGER,
            "installed_by" VARCHAR(100) NOT NULL,
            "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
            "execution_time" INTEGER NOT NULL,
            "success" BOOLEAN NOT NULL
        )""".formatted(table),
        "ALTER TABLE " + table + " ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\")",
        "CREATE INDEX \"flyway_schema_history_s_idx\" ON " + table + " (\"success\")");
  }

  /** The advisory lock Flyway takes for this schema's history table, so that the two exclude each other. */
  static long lockKey(String schema) {
    return FLYWAY_LOCK_BASE + table(schema).hashCode();
  }

  private static String table(String schema) {
    return quote(schema) + "." + quote(HISTORY_TABLE);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String currentUser(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_user")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String currentSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Cancelled (57014), server shutting down (57P0x) or connection lost (class 08). */
  private static boolean isInterruption(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.startsWith("57");
  }

  private static void rollbackQuietly(Connection connection, SQLException cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static Optional<List<Script>> prepare(MigrationSet set) {
    List<Script> scripts = new ArrayList<>();
    for (BundleScript resource : set.flywayScripts()) {
      String name = resource.getFilename();
      if (!name.startsWith("V") || !name.endsWith(".sql") || MigrationSet.versionOf(name).isEmpty()) {
        return Optional.empty(); // repeatable scripts run after the versioned ones: Flyway orders them
      }
      String raw = MigrationSet.versionOf(name);
      MigrationVersion version = MigrationVersion.fromVersion(raw.replace('_', '.'));
      String description = name.substring(name.indexOf("__") + 2, name.length() - ".sql".length()).replace('_', ' ');
      List<String> statements = SqlScriptSplitter.split(resource.sql()).stream()
          .map(SqlScriptSplitter.SqlStatement::sql).toList();
      scripts.add(new Script(resource, version, description, ChecksumCalculator.calculate(resource), statements,
          isDirect(resource.sql(), statements)));
    }
    scripts.sort((a, b) -> a.version().compareTo(b.version()));
    for (int i = 1; i < scripts.size(); i++) {
      if (scripts.get(i).version().equals(scripts.get(i - 1).version())) {
        return Optional.empty(); // two scripts of one version: Flyway's error to report
      }
    }
    return Optional.of(List.copyOf(scripts));
  }

  /** Whether this path runs the script itself, exactly as Flyway would; when in doubt, no. */
  static boolean isDirect(String sql, List<String> statements) {
    if (statements.isEmpty() || sql.contains("${") || sql.contains("\\")
        || sql.toLowerCase(Locale.ROOT).contains("flyway:")) {
      return false;
    }
    return statements.stream()
        .map(s -> s.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT))
        .noneMatch(s -> NOT_DIRECT.matcher(s).find());
  }
}
