package io.neoinfra.processor.execution;

import io.neoinfra.processor.deadletter.DeadLetter;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.tasks.MigrationTask;

/** Where the execution side sends what it decides; the processor forwards each to its sink. */
public interface ExecutionOutputs {

  /** A task to {@code neo.migration.tasks.<priority>}, keyed by target id. */
  void task(MigrationTask task);

  /** A task to wait in retry tier {@code tier} until {@code dueAtMs}. */
  void retry(MigrationTask task, String tier, long dueAtMs);

  /** A record to {@code neo.migration.dlt}. */
  void deadLetter(String key, byte[] value, DeadLetter letter);

  /** The topic a worker reads {@code task} from (where a replay of its dead letter must go). */
  String taskTopic(MigrationTask task);

  /** The view changed; {@code important} views (a status change) are written at once, others may be coalesced. */
  void viewChanged(ExecutionState state, boolean important);
}
