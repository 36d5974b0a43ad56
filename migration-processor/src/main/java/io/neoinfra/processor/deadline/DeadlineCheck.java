package io.neoinfra.processor.deadline;

import io.neoinfra.processor.execution.ExecutionStateMachine;
import io.neoinfra.processor.execution.ExecutionStores;
import io.neoinfra.processor.execution.TargetEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds issued tasks whose deadline (timeout + grace, from issue or from TaskStarted) passed with no final result, and
 * hands them to the state machine, which re-issues them (their worker presumably died) or fails them after the last
 * attempt. Runs on a wall-clock punctuator, so it fires even when no record arrives.
 */
public final class DeadlineCheck {

  private final ExecutionStores stores;
  private final ExecutionStateMachine machine;

  public DeadlineCheck(ExecutionStores stores, ExecutionStateMachine machine) {
    this.stores = stores;
    this.machine = machine;
  }

  /** Returns how many tasks were overdue. */
  public int run(long nowMs) {
    List<String[]> overdue = new ArrayList<>();
    for (var running : stores.running()) {
      for (TargetEntry entry : stores.targets(running.key)) {
        if (entry.overdue(nowMs)) {
          overdue.add(new String[] {running.key, entry.targetId()});
        }
      }
    }
    int handled = 0;
    for (String[] target : overdue) {
      if (machine.deadlinePassed(target[0], target[1], nowMs)) {
        handled++;
      }
    }
    return handled;
  }
}
