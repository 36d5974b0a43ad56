package io.neoinfra.processor.execution;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import java.time.Instant;
import java.util.List;

/**
 * An execution to start, on the processor's internal command topic keyed by {@code executionId}, so that it reaches
 * the partition that also receives the execution's results. Built from {@code migration.requested},
 * {@code rollback.requested}, or an auto-migrating {@code database.created} / {@code tenant.created}.
 *
 * <p>{@code targets} is set when the sender already knows them (auto-migration: the database just registered);
 * otherwise the execution side resolves them from the registry. {@code rejectReason} is set when the sender already
 * knows the execution cannot run (a tenant whose region has no shared database).
 */
public record StartCommand(
    String executionId,
    ExecutionKind kind,
    Scope scope,
    MigrationOperation operation,
    List<String> regions,
    List<String> targetDatabases,
    String targetVersion,
    boolean dryRun,
    Priority priority,
    boolean forceExecution,
    RolloutPolicy rolloutPolicy,
    Integer timeoutSeconds,
    String requestedBy,
    ExecutionMetadata metadata,
    List<ResolvedTarget> targets,
    String rejectReason,
    Instant requestedAt) {

  public StartCommand {
    regions = regions == null ? List.of() : List.copyOf(regions);
    targetDatabases = targetDatabases == null ? List.of() : List.copyOf(targetDatabases);
    rolloutPolicy = rolloutPolicy == null ? RolloutPolicy.defaults() : rolloutPolicy;
  }

  /** Whether the targets come with the command (they are not resolved again). */
  public boolean hasExplicitTargets() {
    return targets != null;
  }
}
