package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.worker.failure.TaskFailureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Runs stock Flyway (the free edition's Java API) for one task: migrate, dry run, validate and info. Flyway is
 * configured per task, but over the set's in-memory scripts and the pooled data source, so nothing is scanned and no
 * connection is opened beyond the pool's. On PostgreSQL, {@code migrate} may first append scripts itself, writing
 * what Flyway would write ({@link PostgresDirectMigrator}); Flyway does whatever that path hands over.
 */
public final class FlywayRunner {

  private static final Pattern VERSION = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private final ClassLoader classLoader;
  private final PostgresDirectMigrator direct;

  /** Stock Flyway for everything. */
  public FlywayRunner(ClassLoader classLoader) {
    this(classLoader, false);
  }

  /**
   * @param postgresDirect whether {@code migrate} on PostgreSQL first appends what it can itself (see
   *     {@link PostgresDirectMigrator}) and hands the rest, if any, to Flyway
   */
  public FlywayRunner(ClassLoader classLoader, boolean postgresDirect) {
    this.classLoader = classLoader;
    this.direct = postgresDirect ? new PostgresDirectMigrator() : null;
  }

  /** The configuration every operation starts from; {@code schema} is the tenant schema or null. */
  public FluentConfiguration configure(DataSource dataSource, MigrationSet set, String schema) {
    FluentConfiguration config = Flyway.configure(classLoader)
        .dataSource(dataSource)
        .resourceProvider(set.resourceProvider())
        .javaMigrationClassProvider(List::of)
        // SQL callbacks (beforeMigrate.sql …) are not part of the bundle format; skipping them skips their lookup.
        .skipDefaultCallbacks(true)
        // The circuit breaker and the retry tiers decide about reconnecting, not Flyway.
        .connectRetries(0)
        .createSchemas(true);
    if (schema != null) {
      config.schemas(schema).defaultSchema(schema);
    }
    return config;
  }

  public OperationOutcome run(MigrationTask task, DataSource dataSource, MigrationSet set, ScriptListener listener) {
    String schema = task.connection().schema();
    return switch (task.operation()) {
      case MIGRATE -> task.dryRun() ? dryRun(task, dataSource, set, schema) : migrate(task, dataSource, set, schema,
          listener);
      case INFO -> info(task, dataSource, set, schema);
      case VALIDATE -> validate(task, dataSource, set, schema);
      case UNDO -> throw new IllegalArgumentException("undo is run by UndoRunner");
    };
  }

  private OperationOutcome migrate(MigrationTask task, DataSource dataSource, MigrationSet set, String schema,
      ScriptListener listener) {
    PostgresDirectMigrator.Result directly = direct != null && task.connection().engine() == Engine.POSTGRESQL
        ? direct.migrate(dataSource, set, schema, target(task), listener)
        : PostgresDirectMigrator.Result.NOT_USED;
    if (directly.complete()) {
      return new OperationOutcome(directly.versionBefore(), directly.versionAfter(), directly.applied(), List.of());
    }
    ScriptProgressCallback progress = new ScriptProgressCallback(listener);
    Flyway flyway = configure(dataSource, set, schema)
        .target(target(task))
        .callbacks(progress)
        .load();
    try {
      MigrateResult result = flyway.migrate();
      return handedOver(directly, version(result.initialSchemaVersion), progress.applied());
    } catch (FlywayValidateException e) {
      // validateOnMigrate failed: ask again for the typed details (checksum mismatch or other) instead of reading text.
      throw new TaskFailureException(validationError(configure(dataSource, set, schema)
          .ignoreMigrationPatterns("*:pending", "*:future").load().validateWithResult()));
    }
  }

  /**
   * A migrate that the direct path began (or left entirely) to Flyway. Before: where the first of them found the
   * target. After: Flyway's last script, or, when Flyway had nothing to run, where Flyway found the target, never the
   * direct path's last confirmed script: a commit whose answer was lost (the server committed, then the connection
   * dropped) leaves the target one script further than the scripts we saw applied.
   */
  static OperationOutcome handedOver(PostgresDirectMigrator.Result directly, String flywayFound,
      List<AppliedScript> byFlyway) {
    String before = directly.applied().isEmpty() ? flywayFound : directly.versionBefore();
    List<AppliedScript> applied = new ArrayList<>(directly.applied());
    applied.addAll(byFlyway);
    String after = byFlyway.isEmpty() ? flywayFound : byFlyway.get(byFlyway.size() - 1).version();
    return new OperationOutcome(before, after, applied, List.of());
  }

  private OperationOutcome dryRun(MigrationTask task, DataSource dataSource, MigrationSet set, String schema) {
    return pending(configure(dataSource, set, schema).target(target(task)).load());
  }

  /** Where the target stands and what would be applied; {@code info().pending()} stops at the configured target. */
  private static OperationOutcome pending(Flyway flyway) {
    var info = flyway.info();
    String current = current(info.current());
    List<String> pending = Arrays.stream(info.pending())
        .filter(m -> m.getVersion() != null)
        .map(m -> m.getVersion().getVersion())
        .toList();
    return new OperationOutcome(current, current, List.of(), pending);
  }

  private OperationOutcome info(MigrationTask task, DataSource dataSource, MigrationSet set, String schema) {
    return dryRun(task, dataSource, set, schema);
  }

  private OperationOutcome validate(MigrationTask task, DataSource dataSource, MigrationSet set, String schema) {
    // Pending versions are not an error: validate checks that what was applied still matches the bundle. One Flyway
    // serves both calls: the ignore patterns change only validation, and loading a Flyway costs more CPU than a
    // validate of a small history (about half of a validate task's time in a profile).
    Flyway flyway = configure(dataSource, set, schema).target(target(task))
        .ignoreMigrationPatterns("*:pending", "*:future").load();
    ValidateResult result = flyway.validateWithResult();
    if (!result.validationSuccessful) {
      throw new TaskFailureException(validationError(result));
    }
    return pending(flyway);
  }

  private static TaskError validationError(ValidateResult result) {
    boolean checksum = result.invalidMigrations.stream()
        .anyMatch(m -> m.errorDetails != null && m.errorDetails.errorCode == CoreErrorCode.CHECKSUM_MISMATCH);
    String details = result.invalidMigrations.stream()
        .map(FlywayRunner::describe)
        .collect(Collectors.joining("; "));
    String message = details.isEmpty() && result.errorDetails != null ? result.errorDetails.errorMessage : details;
    String script = result.invalidMigrations.stream().map(m -> m.filepath).filter(p -> p != null && !p.isBlank())
        .findFirst().orElse(null);
    return new TaskError(checksum ? FailureKind.CHECKSUM_MISMATCH : FailureKind.VALIDATION_FAILED,
        message == null ? "validation failed" : message, script, null, null);
  }

  private static String describe(ValidateOutput output) {
    String code = output.errorDetails == null ? "?" : String.valueOf(output.errorDetails.errorCode);
    String text = output.errorDetails == null ? "" : output.errorDetails.errorMessage;
    return "version " + output.version + " (" + code + "): " + text;
  }

  private static MigrationVersion target(MigrationTask task) {
    return task.targetVersion() == null ? MigrationVersion.LATEST : MigrationVersion.fromVersion(task.targetVersion());
  }

  private static String current(MigrationInfo info) {
    return info == null || info.getVersion() == null ? null : version(info.getVersion().getVersion());
  }

  /** Flyway reports "<< Empty Schema >>" and the like for no version; the contract wants a version or null. */
  static String version(String flywayVersion) {
    return flywayVersion != null && VERSION.matcher(flywayVersion).matches() ? flywayVersion : null;
  }
}
