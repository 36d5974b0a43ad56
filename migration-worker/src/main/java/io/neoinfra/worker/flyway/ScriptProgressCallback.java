package io.neoinfra.worker.flyway;

import io.neoinfra.schemas.tasks.AppliedScript;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Times each versioned script between Flyway's {@code beforeEachMigrate} and {@code afterEachMigrate} and tells the
 * listener. One instance per task (it keeps the task's start time and applied list).
 */
final class ScriptProgressCallback implements Callback {

  private final ScriptListener listener;
  private final List<AppliedScript> applied = new ArrayList<>();
  private long startedNanos;

  ScriptProgressCallback(ScriptListener listener) {
    this.listener = listener;
  }

  List<AppliedScript> applied() {
    return List.copyOf(applied);
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    if (event == Event.BEFORE_EACH_MIGRATE) {
      startedNanos = System.nanoTime();
      return;
    }
    MigrationInfo info = context.getMigrationInfo();
    if (info == null || info.getVersion() == null) {
      return; // a repeatable migration has no version to report
    }
    AppliedScript script = new AppliedScript(info.getVersion().getVersion(), info.getScript(),
        (System.nanoTime() - startedNanos) / 1_000_000);
    applied.add(script);
    listener.scriptFinished(script);
  }

  @Override
  public String getCallbackName() {
    return "neo-script-progress";
  }
}
