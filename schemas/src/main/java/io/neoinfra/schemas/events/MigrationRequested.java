package io.neoinfra.schemas.events;

import java.util.List;

/**
 * An operator asks to move a scope (or a list of databases) to the latest or a target version. The requester picks
 * {@code execution_id} (the gateway returns it at once); {@code operation} defaults to migrate.
 */
public record MigrationRequested(
    String executionId,
    Scope scope,
    List<String> regions,
    List<String> targetDatabases,
    String targetVersion,
    Boolean dryRun,
    Priority priority,
    Boolean forceExecution,
    RolloutPolicy rolloutPolicy,
    MigrationOperation operation,
    Integer migrationTimeout,
    String requestedBy,
    TriggeredBy triggeredBy)
    implements LifecycleEvent {

  public MigrationRequested {
    regions = regions == null ? List.of() : List.copyOf(regions);
    targetDatabases = targetDatabases == null ? List.of() : List.copyOf(targetDatabases);
  }

  @Override
  public EventType type() {
    return EventType.MIGRATION_REQUESTED;
  }

  @Override
  public String key() {
    return executionId;
  }
}
