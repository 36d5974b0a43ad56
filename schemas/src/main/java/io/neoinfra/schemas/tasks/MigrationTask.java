package io.neoinfra.schemas.tasks;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import java.time.Instant;
import java.util.List;

/**
 * One unit of work for one target, on {@code neo.migration.tasks.<priority>} keyed by {@link #targetId()}.
 * {@code migration_set} is ADMIN, REGIONAL or TENANT (never ALL); {@code undo_versions} lists, for {@code undo}, the
 * versions to undo (the worker applies them newest first); {@code attempt} starts at 1.
 */
public record MigrationTask(
    String taskId,
    String executionId,
    String targetId,
    String databaseId,
    MigrationOperation operation,
    Scope migrationSet,
    TargetConnection connection,
    String targetVersion,
    List<String> undoVersions,
    boolean dryRun,
    int timeoutSeconds,
    Priority priority,
    int attempt,
    Instant issuedAt) {

  public MigrationTask {
    undoVersions = undoVersions == null ? List.of() : List.copyOf(undoVersions);
  }

  public MigrationTask withAttempt(int nextAttempt, Instant reissuedAt) {
    return new MigrationTask(taskId, executionId, targetId, databaseId, operation, migrationSet, connection,
        targetVersion, undoVersions, dryRun, timeoutSeconds, priority, nextAttempt, reissuedAt);
  }
}
