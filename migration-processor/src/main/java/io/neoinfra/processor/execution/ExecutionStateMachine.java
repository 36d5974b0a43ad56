package io.neoinfra.processor.execution;

import io.neoinfra.processor.deadletter.DeadLetter;
import io.neoinfra.processor.fanout.Dispatcher;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.ScriptApplied;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transitions of a running execution's targets: results from workers and passed deadlines move a target
 * {@code QUEUED → RUNNING → SUCCEEDED | RETRY_SCHEDULED → … | FAILED | SKIPPED}; the execution follows from its
 * targets. A result counts only for the attempt the processor last issued, and only once per attempt and kind.
 */
public final class ExecutionStateMachine {

  private final ExecutionStores stores;
  private final ExecutionOutputs outputs;
  private final Dispatcher dispatcher;
  private final RetryTiers tiers;
  private final ProcessorMetrics metrics;
  private final long graceMs;
  private final Function<MigrationTask, byte[]> taskBytes;

  public ExecutionStateMachine(ExecutionStores stores, ExecutionOutputs outputs, Dispatcher dispatcher,
      RetryTiers tiers, ProcessorMetrics metrics, Duration grace, Function<MigrationTask, byte[]> taskBytes) {
    this.stores = stores;
    this.outputs = outputs;
    this.dispatcher = dispatcher;
    this.tiers = tiers;
    this.metrics = metrics;
    this.graceMs = grace.toMillis();
    this.taskBytes = taskBytes;
  }

  /** What became of a result. */
  public enum ResultOutcome {
    APPLIED,
    DUPLICATE,
    /** For an attempt that is no longer current, or a target that already finished. */
    STALE,
    /** For an execution that already ended. */
    LATE,
    UNKNOWN_EXECUTION,
    UNKNOWN_TARGET
  }

  /**
   * A worker's result; {@code replayedFrom} is the dead letter ({@code neo-replayed-from}) the task was replayed
   * from, when it was. A replayed task's result re-opens its FAILED target (and the execution, if it ended): the
   * operator fixed the cause and asked for it to run again, so its outcome counts. Any other result for a finished
   * target or execution is stale or late.
   */
  public ResultOutcome onResult(TaskResult result, Optional<String> replayedFrom, long nowMs) {
    ExecutionState state = stores.header(result.executionId());
    if (state == null) {
      return ResultOutcome.UNKNOWN_EXECUTION;
    }
    TargetEntry entry = state.status.terminal() && state.status != ExecutionStatus.FAILED ? null
        : stores.target(state.id, result.targetId());
    if (replayedFrom.isPresent() && reopens(entry, result)) {
      reopen(state, entry, replayedFrom.get(), nowMs);
    }
    if (state.status.terminal()) {
      return ResultOutcome.LATE;
    }
    if (entry == null) {
      return ResultOutcome.UNKNOWN_TARGET;
    }
    if (result.attempt() != entry.attempt || entry.status.terminal()) {
      return ResultOutcome.STALE;
    }
    if (!entry.seen.add(seenKey(result))) {
      return ResultOutcome.DUPLICATE;
    }
    TargetStatus before = entry.status;
    Instant now = Instant.ofEpochMilli(nowMs);
    if (result instanceof TaskStarted) {
      if (before == TargetStatus.QUEUED || before == TargetStatus.RETRY_SCHEDULED) {
        entry.status = TargetStatus.RUNNING;
      }
      // The timeout counts from the start; a task that waited in a worker's backlog is not lost.
      entry.deadlineMs = nowMs + entry.task.timeoutSeconds() * 1000L + graceMs;
    } else if (result instanceof ScriptApplied applied) {
      entry.status = TargetStatus.RUNNING;
      if (entry.applied.stream().noneMatch(s -> s.version().equals(applied.script().version()))) {
        entry.applied.add(applied.script());
      }
    } else if (result instanceof TaskSucceeded ok) {
      entry.status = TargetStatus.SUCCEEDED;
      entry.versionBefore = ok.versionBefore();
      entry.versionAfter = ok.versionAfter();
      if (!ok.applied().isEmpty() || entry.applied.isEmpty()) {
        entry.applied = new ArrayList<>(ok.applied());
      }
      entry.pending = new ArrayList<>(ok.pending());
      entry.error = null;
      entry.deadlineMs = 0;
    } else if (result instanceof TaskFailed failed) {
      entry.versionBefore = failed.versionBefore();
      entry.versionAfter = failed.versionAfter();
      fail(state, entry, failed.error(), nowMs);
    }
    entry.updatedAt = now;
    state.move(before, entry.status);
    stores.put(state.id, entry);
    afterTargetChange(state, before, entry, nowMs);
    return ResultOutcome.APPLIED;
  }

  /** A replayed task's result for a target that failed for good with that very task re-opens it. */
  private static boolean reopens(TargetEntry entry, TaskResult result) {
    return entry != null && entry.status == TargetStatus.FAILED && entry.task != null
        && entry.task.taskId().equals(result.taskId()) && result.attempt() == entry.attempt;
  }

  /**
   * Puts a FAILED target back to RUNNING (and its execution, if it had ended, back to RUNNING) for the replayed
   * attempt. Results already counted for that attempt are forgotten, so the replay's own are counted, each once;
   * a re-delivery of the replay's results then meets a finished target again and is late.
   */
  private void reopen(ExecutionState state, TargetEntry entry, String replayedFrom, long nowMs) {
    entry.status = TargetStatus.RUNNING;
    entry.seen.clear();
    entry.replayedFrom = replayedFrom;
    entry.deadlineMs = nowMs + entry.task.timeoutSeconds() * 1000L + graceMs;
    entry.updatedAt = Instant.ofEpochMilli(nowMs);
    state.move(TargetStatus.FAILED, TargetStatus.RUNNING);
    if (state.status.terminal()) {
      state.status = ExecutionStatus.RUNNING;
      state.completedAt = null;
    }
    state.reason = null;
    stores.put(state.id, entry);
    stores.addRunning(state.id, entry.targetId);
    stores.put(state);
    metrics.reopened();
    outputs.viewChanged(state, true);
  }

  /** The deadline check found {@code targetId} overdue: re-issue it, or fail it after the last attempt. */
  public boolean deadlinePassed(String executionId, String targetId, long nowMs) {
    ExecutionState state = stores.header(executionId);
    TargetEntry entry = state == null || state.status.terminal() ? null : stores.target(executionId, targetId);
    if (entry == null || !entry.overdue(nowMs)) {
      return false;
    }
    TargetStatus before = entry.status;
    TaskError error = new TaskError(FailureKind.TIMEOUT, "no result for attempt " + entry.attempt
        + " within its deadline (timeout " + entry.task.timeoutSeconds() + " s + grace " + graceMs / 1000
        + " s); the worker is presumed dead", null, null, null);
    if (entry.attempt < tiers.maxAttempts()) {
      entry.error = error;
      if (entry.firstFailureAt == null) {
        entry.firstFailureAt = Instant.ofEpochMilli(nowMs);
      }
      MigrationTask task = entry.issue(entry.attempt + 1, nowMs, graceMs);
      entry.status = TargetStatus.QUEUED;
      outputs.task(task);
      metrics.deadlineReissue();
    } else {
      fail(state, entry, error, nowMs);
    }
    entry.updatedAt = Instant.ofEpochMilli(nowMs);
    state.move(before, entry.status);
    stores.put(executionId, entry);
    afterTargetChange(state, before, entry, nowMs);
    return true;
  }

  private void fail(ExecutionState state, TargetEntry entry, TaskError error, long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    entry.error = error;
    if (entry.firstFailureAt == null) {
      entry.firstFailureAt = now;
    }
    Optional<Duration> tier = error.retryable() ? tiers.tierAfter(entry.attempt) : Optional.empty();
    if (tier.isPresent()) {
      long due = tiers.dueAt(nowMs, tier.get(), entry.task.taskId(), entry.attempt);
      MigrationTask next = entry.issue(entry.attempt + 1, due, graceMs);
      entry.status = TargetStatus.RETRY_SCHEDULED;
      String name = RetryTiers.name(tier.get());
      outputs.retry(next, name, due);
      metrics.retry(name);
      return;
    }
    entry.status = TargetStatus.FAILED;
    entry.deadlineMs = 0;
    String why = error.retryable() ? "failed after " + entry.attempt + " attempts: " : "failed, not retryable: ";
    MigrationTask lastAttempt = entry.task.withAttempt(entry.attempt, now);
    // The dead letter holds the task, so a replay must send it where workers read tasks, not to the topic of the
    // result (or punctuation) that ended it.
    DeadLetter letter = DeadLetter.of(error.kind().wireName(), why + error.message())
        .withReplayTopic(outputs.taskTopic(lastAttempt))
        .withAttempts(entry.attempt, entry.firstFailureAt, now)
        .withExecution(state.id, entry.databaseId);
    outputs.deadLetter(entry.targetId, taskBytes.apply(lastAttempt), letter);
    metrics.deadLetter("task", error.kind().wireName());
  }

  private void afterTargetChange(ExecutionState state, TargetStatus before, TargetEntry entry, long nowMs) {
    if (entry.status == TargetStatus.FAILED && before != TargetStatus.FAILED) {
      haltIfThresholdExceeded(state, nowMs);
    }
    if (entry.status.terminal() && !before.terminal()) {
      dispatcher.fill(state, nowMs);
    }
    if (state.terminal() == state.total) {
      finish(state, nowMs);
      return;
    }
    stores.put(state);
    outputs.viewChanged(state, false);
  }

  private void haltIfThresholdExceeded(ExecutionState state, long nowMs) {
    int threshold = state.rolloutPolicy.failureThresholdPercentOrDefault();
    int failed = state.count(TargetStatus.FAILED);
    if (state.halted || failed * 100L <= (long) threshold * state.total) {
      return;
    }
    state.halted = true;
    int skipped = 0;
    while (state.nextToDispatch < state.total) {
      String targetId = stores.dequeue(state.id, state.nextToDispatch++);
      TargetEntry queued = targetId == null ? null : stores.target(state.id, targetId);
      if (queued != null && queued.waitingToBeIssued()) {
        queued.status = TargetStatus.SKIPPED;
        queued.updatedAt = Instant.ofEpochMilli(nowMs);
        state.move(TargetStatus.QUEUED, TargetStatus.SKIPPED);
        stores.put(state.id, queued);
        skipped++;
      }
    }
    state.reason = "failure threshold of " + threshold + "% exceeded: " + failed + " of " + state.total
        + " targets failed; " + skipped + " queued targets skipped";
  }

  private void finish(ExecutionState state, long nowMs) {
    int failed = state.count(TargetStatus.FAILED);
    int skipped = state.count(TargetStatus.SKIPPED);
    // Targets skipped by the failure threshold never ran: replaying the failed ones does not make the execution whole.
    state.status = failed > 0 || skipped > 0 ? ExecutionStatus.FAILED : ExecutionStatus.COMPLETED;
    state.completedAt = Instant.ofEpochMilli(nowMs);
    if (failed == 0 && skipped > 0 && state.reason == null) {
      state.reason = skipped + " of " + state.total + " targets were skipped when the failure threshold was exceeded;"
          + " replaying the failed ones does not run them (start a new execution for them)";
    }
    if (failed > 0 && state.reason == null) {
      List<String> kinds = stores.targets(state.id).stream()
          .filter(t -> t.status == TargetStatus.FAILED && t.error != null)
          .map(t -> t.targetId + " (" + t.error.kind().wireName() + ": " + t.error.message() + ")")
          .limit(10)
          .toList();
      state.reason = failed + " of " + state.total + " targets failed: " + String.join("; ", kinds);
    }
    stores.put(state);
    outputs.viewChanged(state, true);
    stores.retire(state.id);
    metrics.execution(state.status);
    Instant began = state.startedAt != null ? state.startedAt : state.createdAt;
    metrics.finished(state.kind, state.status,
        began == null ? Duration.ZERO : Duration.between(began, state.completedAt));
  }

  private static String seenKey(TaskResult result) {
    String kind;
    if (result instanceof ScriptApplied applied) {
      kind = "script:" + applied.script().version();
    } else if (result instanceof TaskStarted) {
      kind = "started";
    } else if (result instanceof TaskSucceeded) {
      kind = "succeeded";
    } else {
      kind = "failed";
    }
    return result.attempt() + ":" + kind;
  }
}
