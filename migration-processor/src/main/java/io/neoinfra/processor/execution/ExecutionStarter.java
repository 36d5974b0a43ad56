package io.neoinfra.processor.execution;

import io.neoinfra.processor.fanout.Dispatcher;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.registry.TargetResolver;
import io.neoinfra.processor.rollback.RollbackPlanner;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Starts an execution: resolves its targets (from the command, the registry, or the execution to roll back), refuses
 * it when invalid or when it overlaps a running execution (unless forced), completes it at once when there is
 * nothing to do, and otherwise records it and lets the fan-out issue its first tasks.
 */
public final class ExecutionStarter {

  private final ExecutionStores stores;
  private final ExecutionOutputs outputs;
  private final Dispatcher dispatcher;
  private final TargetResolver resolver;
  private final RollbackPlanner rollbacks;
  private final ReadOnlyKeyValueStore<String, ExecutionView> allExecutions;
  private final ProcessorMetrics metrics;
  private final int defaultTimeoutSeconds;

  public ExecutionStarter(ExecutionStores stores, ExecutionOutputs outputs, Dispatcher dispatcher,
      TargetResolver resolver, RollbackPlanner rollbacks, ReadOnlyKeyValueStore<String, ExecutionView> allExecutions,
      ProcessorMetrics metrics, int defaultTimeoutSeconds) {
    this.stores = stores;
    this.outputs = outputs;
    this.dispatcher = dispatcher;
    this.resolver = resolver;
    this.rollbacks = rollbacks;
    this.allExecutions = allExecutions;
    this.metrics = metrics;
    this.defaultTimeoutSeconds = defaultTimeoutSeconds;
  }

  /** What became of a start command. */
  public enum StartOutcome {
    STARTED,
    COMPLETED_EMPTY,
    REJECTED,
    /** The execution id is already known: a re-delivered command starts nothing. */
    DUPLICATE
  }

  public StartOutcome start(StartCommand command, long nowMs) {
    if (stores.header(command.executionId()) != null) {
      return StartOutcome.DUPLICATE;
    }
    Instant now = Instant.ofEpochMilli(nowMs);
    ExecutionState state = ExecutionState.from(command, now);
    if (state.priority == null) {
      state.priority = Priority.NORMAL;
    }
    if (command.rejectReason() != null) {
      return reject(state, List.of(command.rejectReason()), now);
    }
    List<ResolvedTarget> targets;
    if (command.kind() == ExecutionKind.ROLLBACK) {
      RollbackPlanner.Plan plan = rollbacks.plan(command.metadata().rollbackOf(), command.executionId(),
          command.timeoutSeconds(), defaultTimeoutSeconds);
      state.operation = MigrationOperation.UNDO;
      if (plan.original() != null) {
        state.scope = plan.original().scope();
      }
      if (!plan.eligible()) {
        return reject(state, plan.reasons(), now);
      }
      targets = plan.targets();
    } else if (command.hasExplicitTargets()) {
      targets = command.targets();
    } else {
      TargetResolver.Resolution resolution = resolver.resolve(command);
      if (!resolution.problems().isEmpty()) {
        return reject(state, resolution.problems(), now);
      }
      targets = resolution.targets();
    }
    if (state.operation == null) {
      state.operation = MigrationOperation.MIGRATE;
    }
    if (!command.forceExecution()) {
      List<String> conflicts = overlaps(command.executionId(), targets);
      if (!conflicts.isEmpty()) {
        return reject(state, List.of("overlaps running execution " + String.join(", ", conflicts)
            + " (set force_execution to run anyway)"), now);
      }
    }
    if (targets.isEmpty()) {
      state.status = ExecutionStatus.COMPLETED;
      state.startedAt = now;
      state.completedAt = now;
      state.reason = "no targets: nothing to do";
      stores.put(state);
      outputs.viewChanged(state, true);
      metrics.execution(state.status);
      metrics.finished(state.kind, state.status, java.time.Duration.ZERO);
      return StartOutcome.COMPLETED_EMPTY;
    }
    state.status = ExecutionStatus.RUNNING;
    state.startedAt = now;
    state.total = targets.size();
    state.counts.put(TargetStatus.QUEUED, targets.size());
    List<String> ids = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      ResolvedTarget target = targets.get(i);
      stores.put(state.id, new TargetEntry(target, task(state, target, now), now));
      stores.enqueue(state.id, i, target.targetId());
      ids.add(target.targetId());
    }
    stores.markRunning(state.id, ids);
    dispatcher.fill(state, nowMs);
    stores.put(state);
    outputs.viewChanged(state, true);
    metrics.execution(state.status);
    return StartOutcome.STARTED;
  }

  private StartOutcome reject(ExecutionState state, List<String> reasons, Instant now) {
    state.status = ExecutionStatus.REJECTED;
    state.completedAt = now;
    state.reason = String.join("; ", reasons);
    if (state.operation == null) {
      state.operation = MigrationOperation.MIGRATE;
    }
    stores.put(state);
    outputs.viewChanged(state, true);
    metrics.execution(state.status);
    return StartOutcome.REJECTED;
  }

  /** Running executions sharing a target with {@code targets}, as {@code <id> on <targets>}. */
  private List<String> overlaps(String executionId, List<ResolvedTarget> targets) {
    Set<String> wanted = new HashSet<>();
    targets.forEach(t -> wanted.add(t.targetId()));
    Map<String, List<String>> running = new LinkedHashMap<>();
    stores.running().forEach(kv -> running.put(kv.key, kv.value.targetIds()));
    // Executions owned by other partitions are seen through the global copy of the executions topic.
    try (KeyValueIterator<String, ExecutionView> it = allExecutions.all()) {
      it.forEachRemaining(kv -> {
        ExecutionView view = kv.value;
        if (view != null && !running.containsKey(kv.key) && !view.status().terminal()
            && stores.header(kv.key) == null) {
          running.put(kv.key, view.targets().stream().map(TargetState::targetId).toList());
        }
      });
    }
    List<String> conflicts = new ArrayList<>();
    running.forEach((id, ids) -> {
      if (id.equals(executionId)) {
        return;
      }
      List<String> shared = ids.stream().filter(wanted::contains).limit(5).toList();
      if (!shared.isEmpty()) {
        conflicts.add(id + " on " + String.join(", ", shared));
      }
    });
    return conflicts;
  }

  private MigrationTask task(ExecutionState state, ResolvedTarget target, Instant now) {
    String taskId = UUID.nameUUIDFromBytes((state.id + "|" + target.targetId()).getBytes(StandardCharsets.UTF_8))
        .toString();
    int timeout = target.timeoutSeconds() > 0 ? target.timeoutSeconds() : defaultTimeoutSeconds;
    return new MigrationTask(taskId, state.id, target.targetId(), target.databaseId(), state.operation,
        target.migrationSet(), target.connection(), state.operation == MigrationOperation.UNDO ? null
            : state.targetVersion, target.undoVersions(), state.dryRun, timeout, state.priority, 1, now);
  }
}
