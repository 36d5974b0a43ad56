package io.neoinfra.processor.fanout;

import io.neoinfra.processor.execution.ExecutionOutputs;
import io.neoinfra.processor.execution.ExecutionState;
import io.neoinfra.processor.execution.ExecutionStores;
import io.neoinfra.processor.execution.TargetEntry;
import io.neoinfra.schemas.tasks.MigrationTask;

/**
 * The fan-out: issues queued targets, in the order they were resolved, while the execution has fewer than
 * {@code max_parallel} tasks in flight. Called when an execution starts and whenever one of its targets finishes.
 */
public final class Dispatcher {

  private final ExecutionStores stores;
  private final ExecutionOutputs outputs;
  private final long graceMs;

  public Dispatcher(ExecutionStores stores, ExecutionOutputs outputs, long graceMs) {
    this.stores = stores;
    this.outputs = outputs;
    this.graceMs = graceMs;
  }

  /** Issues as many queued targets as the policy allows; the caller writes {@code state} back. */
  public void fill(ExecutionState state, long nowMs) {
    while (state.mayIssueMore()) {
      int index = state.takeNext();
      String targetId = stores.dequeue(state.id(), index);
      TargetEntry entry = targetId == null ? null : stores.target(state.id(), targetId);
      if (entry == null || !entry.waitingToBeIssued()) {
        continue; // skipped meanwhile, or already issued before a crash was replayed
      }
      MigrationTask task = entry.issue(1, nowMs, graceMs);
      state.countIssued();
      stores.put(state.id(), entry);
      outputs.task(task);
    }
  }
}
