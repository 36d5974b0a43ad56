package io.neoinfra.gateway.executions;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetStatus;
import java.time.Instant;
import java.util.Map;

/** An execution in a list: everything but the per-target state (fetch the execution for that). */
record ExecutionSummary(
    String id,
    ExecutionKind kind,
    Scope scope,
    MigrationOperation operation,
    ExecutionStatus status,
    boolean dryRun,
    Priority priority,
    String targetVersion,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Map<TargetStatus, Integer> counts,
    int progressPercent,
    int targetCount,
    ExecutionMetadata metadata,
    String requestedBy,
    String reason) {

  static ExecutionSummary of(ExecutionView v) {
    return new ExecutionSummary(v.id(), v.kind(), v.scope(), v.operation(), v.status(), v.dryRun(), v.priority(),
        v.targetVersion(), v.createdAt(), v.startedAt(), v.completedAt(), v.counts(), v.progressPercent(),
        v.targets().size(), v.metadata(), v.requestedBy(), v.reason());
  }
}
