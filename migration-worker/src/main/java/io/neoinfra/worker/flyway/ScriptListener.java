package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.tasks.AppliedScript;

/** Told as each script finishes, so progress can be reported per script while the task still runs. */
@FunctionalInterface
public interface ScriptListener {
  void scriptFinished(AppliedScript script);
}
