package io.neoinfra.schemas.tasks;

import java.time.Instant;
import java.util.List;

/**
 * The task finished. {@code applied} lists scripts applied (migrate) or reverted (undo); {@code pending} lists, for a
 * dry run, info or validate, the versions that a migrate would apply.
 */
public record TaskSucceeded(
    String taskId, String executionId, String targetId, int attempt, String workerId, Instant at,
    String versionBefore, String versionAfter, List<AppliedScript> applied, List<String> pending)
    implements TaskResult {

  public TaskSucceeded {
    applied = applied == null ? List.of() : List.copyOf(applied);
    pending = pending == null ? List.of() : List.copyOf(pending);
  }
}
