package io.neoinfra.processor.execution;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The processor's state of one execution without its targets (store {@code exec-headers}, key = execution id): what
 * the view shows, plus the counters that drive the fan-out. Targets live in their own store so that a result costs
 * two small reads and writes, however many targets the execution has.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ExecutionState {

  String id;
  ExecutionKind kind;
  Scope scope;
  MigrationOperation operation;
  ExecutionStatus status;
  boolean dryRun;
  Priority priority;
  String targetVersion;
  RolloutPolicy rolloutPolicy;
  Instant createdAt;
  Instant startedAt;
  Instant completedAt;
  ExecutionMetadata metadata;
  String requestedBy;
  String reason;
  int total;
  /** Index of the next queued target to issue (queue store key {@code <id>|<index>}). */
  int nextToDispatch;
  int dispatched;
  Map<TargetStatus, Integer> counts = new EnumMap<>(TargetStatus.class);
  /** The failure threshold was exceeded: nothing more is issued. */
  boolean halted;

  ExecutionState() {}

  static ExecutionState from(StartCommand command, Instant now) {
    ExecutionState s = new ExecutionState();
    s.id = command.executionId();
    s.kind = command.kind();
    s.scope = command.scope();
    s.operation = command.operation();
    s.status = ExecutionStatus.PENDING;
    s.dryRun = command.dryRun();
    s.priority = command.priority();
    s.targetVersion = command.targetVersion();
    s.rolloutPolicy = command.rolloutPolicy();
    s.createdAt = command.requestedAt() == null ? now : command.requestedAt();
    s.metadata = command.metadata();
    s.requestedBy = command.requestedBy();
    for (TargetStatus status : TargetStatus.values()) {
      s.counts.put(status, 0);
    }
    return s;
  }

  int count(TargetStatus status) {
    return counts.getOrDefault(status, 0);
  }

  void move(TargetStatus from, TargetStatus to) {
    if (from != to) {
      counts.merge(from, -1, Integer::sum);
      counts.merge(to, 1, Integer::sum);
    }
  }

  int terminal() {
    return count(TargetStatus.SUCCEEDED) + count(TargetStatus.FAILED) + count(TargetStatus.SKIPPED);
  }

  /** Tasks issued and not finished: what {@code max_parallel} bounds. */
  int inFlight() {
    return dispatched - count(TargetStatus.SUCCEEDED) - count(TargetStatus.FAILED);
  }

  int progressPercent() {
    return total == 0 ? 100 : (int) Math.floor(terminal() * 100.0 / total);
  }

  public ExecutionView toView(List<TargetState> targets) {
    return new ExecutionView(id, kind, scope, operation, status, dryRun, priority, targetVersion, rolloutPolicy,
        createdAt, startedAt, completedAt, counts, progressPercent(), targets, metadata, requestedBy, reason);
  }

  public String id() {
    return id;
  }

  /** Whether the fan-out may issue another queued target now ({@code max_parallel}, threshold, queue). */
  public boolean mayIssueMore() {
    int maxParallel = rolloutPolicy == null ? io.neoinfra.schemas.events.RolloutPolicy.DEFAULT_MAX_PARALLEL
        : rolloutPolicy.maxParallelOrDefault();
    return !halted && nextToDispatch < total && inFlight() < maxParallel;
  }

  /** The queue index of the next target to issue, moving past it. */
  public int takeNext() {
    return nextToDispatch++;
  }

  public void countIssued() {
    dispatched++;
  }

  public ExecutionStatus status() {
    return status;
  }
}
