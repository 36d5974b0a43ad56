package io.neoinfra.schemas.tasks;

import java.time.Instant;

/** The task failed; {@link #retryable()} follows from the error's {@link FailureKind}. */
public record TaskFailed(
    String taskId, String executionId, String targetId, int attempt, String workerId, Instant at,
    String versionBefore, String versionAfter, TaskError error)
    implements TaskResult {

  public boolean retryable() {
    return error.retryable();
  }
}
