package io.neoinfra.schemas.executions;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole execution as the processor keeps it, on the compacted {@code neo.migration.executions} keyed by id: what
 * the gateway serves. {@code counts} has one entry per {@link TargetStatus}; {@code reason} explains REJECTED/FAILED.
 */
public record ExecutionView(
    String id,
    ExecutionKind kind,
    Scope scope,
    MigrationOperation operation,
    ExecutionStatus status,
    boolean dryRun,
    Priority priority,
    String targetVersion,
    RolloutPolicy rolloutPolicy,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Map<TargetStatus, Integer> counts,
    int progressPercent,
    List<TargetState> targets,
    ExecutionMetadata metadata,
    String requestedBy,
    String reason) {

  public ExecutionView {
    counts = counts == null ? Map.of() : Map.copyOf(counts);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }
}
