package io.neoinfra.schemas.executions;

import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.TaskError;
import java.time.Instant;
import java.util.List;

/** One target of an execution as the processor last saw it. */
public record TargetState(
    String targetId,
    String databaseId,
    String schema,
    TargetStatus status,
    int attempts,
    String versionBefore,
    String versionAfter,
    List<AppliedScript> applied,
    List<String> pending,
    TaskError error,
    Instant updatedAt) {

  public TargetState {
    applied = applied == null ? List.of() : List.copyOf(applied);
    pending = pending == null ? List.of() : List.copyOf(pending);
  }
}
