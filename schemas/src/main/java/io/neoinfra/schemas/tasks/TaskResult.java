package io.neoinfra.schemas.tasks;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What a worker reports on {@code neo.migration.results}, keyed by execution id. The {@code kind} field tells the
 * subtype. {@code task_id} + {@code attempt} identify a delivery, so the processor can count a re-delivered result once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = TaskStarted.class, name = "task_started"),
  @JsonSubTypes.Type(value = ScriptApplied.class, name = "script_applied"),
  @JsonSubTypes.Type(value = TaskSucceeded.class, name = "task_succeeded"),
  @JsonSubTypes.Type(value = TaskFailed.class, name = "task_failed")
})
public sealed interface TaskResult permits TaskStarted, ScriptApplied, TaskSucceeded, TaskFailed {
  String taskId();

  String executionId();

  String targetId();

  int attempt();

  String workerId();

  Instant at();
}
