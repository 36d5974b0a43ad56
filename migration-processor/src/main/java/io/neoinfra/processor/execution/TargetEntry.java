package io.neoinfra.processor.execution;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The processor's state of one target of a running execution (store {@code exec-targets}, key
 * {@code <execution id>|<target id>}). Mutable on purpose: the aggregator changes it in place, then it is written
 * back once per input record.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class TargetEntry {

  String targetId;
  String databaseId;
  String schema;
  TargetStatus status = TargetStatus.QUEUED;
  /** The attempt the processor last issued; results of any other attempt are stale. 0 = not dispatched yet. */
  int attempt;
  String versionBefore;
  String versionAfter;
  List<AppliedScript> applied = new ArrayList<>();
  List<String> pending = new ArrayList<>();
  TaskError error;
  Instant updatedAt;
  /** The task as first built; each attempt is a copy with its number. */
  MigrationTask task;
  /** {@code <attempt>:<kind>[:<version>]} of every result already counted, so a re-delivery counts once. */
  Set<String> seen = new LinkedHashSet<>();
  /** Wall-clock epoch ms after which the current attempt counts as lost; 0 when nothing is in flight. */
  long deadlineMs;
  Instant firstFailureAt;
  /** The dead letter ({@code <dlt topic>/<partition>/<offset>}) this target was last re-opened by, if any. */
  String replayedFrom;

  TargetEntry() {}

  TargetEntry(ResolvedTarget target, MigrationTask task, Instant now) {
    this.targetId = target.targetId();
    this.databaseId = target.databaseId();
    this.schema = target.schema();
    this.task = task;
    this.updatedAt = now;
  }

  public TargetState toState() {
    return new TargetState(targetId, databaseId, schema, status, attempt, versionBefore, versionAfter, applied,
        pending, error, updatedAt);
  }

  /**
   * Issues attempt {@code attemptNumber}, valid from {@code issuedAtMs}: the task to send, with the deadline set to
   * its timeout plus {@code graceMs} after that.
   */
  public MigrationTask issue(int attemptNumber, long issuedAtMs, long graceMs) {
    this.attempt = attemptNumber;
    this.deadlineMs = issuedAtMs + task.timeoutSeconds() * 1000L + graceMs;
    return task.withAttempt(attemptNumber, Instant.ofEpochMilli(issuedAtMs));
  }

  public boolean waitingToBeIssued() {
    return status == TargetStatus.QUEUED && attempt == 0;
  }

  /** Issued, not finished, and past its deadline at {@code nowMs}. */
  public boolean overdue(long nowMs) {
    return attempt > 0 && !status.terminal() && deadlineMs > 0 && deadlineMs <= nowMs;
  }

  public String targetId() {
    return targetId;
  }

  public TargetStatus status() {
    return status;
  }

  public int attempt() {
    return attempt;
  }
}
