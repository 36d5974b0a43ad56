package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.tasks.AppliedScript;
import java.util.List;

/**
 * What an operation did to a target: the version before and after, the scripts applied (or, for undo, reverted), and
 * the versions a migrate would still apply.
 */
public record OperationOutcome(
    String versionBefore, String versionAfter, List<AppliedScript> applied, List<String> pending) {

  public OperationOutcome {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
  }
}
