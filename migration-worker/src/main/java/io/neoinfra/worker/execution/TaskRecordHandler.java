package io.neoinfra.worker.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.InvalidRecordException;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.validation.FieldError;
import io.neoinfra.worker.reporting.DeadLetterPublisher;
import io.neoinfra.worker.reporting.ResultPublisher;
import io.neoinfra.worker.reporting.WorkerMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Handles one record of a task topic: runs it and sends its outcome (the task's final result, a non-retryable
 * TaskFailed for a task that is invalid but names its execution, or a dead letter for a record that names none); the
 * returned future completes once the outcome is written. It never throws for bad input, so one record cannot stop the consumer.
 */
public final class TaskRecordHandler {

  private final ContractCodec<MigrationTask> codec;
  private final ObjectMapper mapper;
  private final TaskRunner runner;
  private final ResultPublisher results;
  private final DeadLetterPublisher deadLetters;
  private final WorkerMetrics metrics;
  private final String workerId;
  private final Clock clock;
  private final RunningTasks running = new RunningTasks();

  public TaskRecordHandler(ContractCodec<MigrationTask> codec, ObjectMapper mapper, TaskRunner runner,
      ResultPublisher results, DeadLetterPublisher deadLetters, WorkerMetrics metrics, String workerId, Clock clock) {
    this.codec = codec;
    this.mapper = mapper;
    this.runner = runner;
    this.results = results;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.workerId = workerId;
    this.clock = clock;
  }

  /**
   * Runs the record's task (or rejects it) and returns once that is done; the future tells when it is written. A task
   * this worker is running already (delivered again) is not run twice: its future is the running one's.
   */
  public CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
    Decoded<MigrationTask> decoded = codec.read(record.value());
    if (decoded instanceof Decoded.Valid<MigrationTask> valid) {
      MigrationTask task = valid.value();
      return running.runOnce(task.taskId() + "#" + task.attempt(),
          () -> results.publish(runner.run(task), record.headers()));
    }
    Decoded.Invalid<MigrationTask> invalid = (Decoded.Invalid<MigrationTask>) decoded;
    metrics.rejected(invalid.reason().id());
    String message = invalid.message() + (invalid.errors().isEmpty() ? ""
        : ": " + invalid.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    Optional<TaskResult> attributed = attribute(record.value(), kindOf(invalid), message);
    if (attributed.isPresent()) {
      return results.publish(attributed.get(), record.headers());
    }
    deadLetters.deadLetter(record, invalid.reason().id(), message); // rare: waits for the broker itself
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Broken connection fields, an unknown scope and an unreadable password get their own kinds; anything else is an
   * invalid task.
   */
  private static FailureKind kindOf(Decoded.Invalid<MigrationTask> invalid) {
    if (invalid.reason() == DecodeFailure.INVALID_CONNECTION) {
      return FailureKind.INVALID_CONNECTION;
    }
    for (FieldError error : invalid.errors()) {
      if (error.field().endsWith("migration_set")) {
        return FailureKind.UNKNOWN_SCOPE;
      }
      if (error.field().endsWith("password")) {
        return FailureKind.DECRYPTION_FAILED;
      }
      if (error.field().endsWith("password_ref")) {
        return FailureKind.CREDENTIAL_UNAVAILABLE;
      }
    }
    return FailureKind.INVALID_TASK;
  }

  /** A TaskFailed for the execution the record names, if it names one well enough to be written at all. */
  private Optional<TaskResult> attribute(byte[] payload, FailureKind kind, String message) {
    JsonNode tree;
    try {
      tree = payload == null ? null : mapper.readTree(payload);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (tree == null || !tree.isObject() || !tree.path("execution_id").isTextual() || !tree.path("task_id").isTextual()
        || !tree.path("target_id").isTextual()) {
      return Optional.empty();
    }
    int attempt = tree.path("attempt").canConvertToInt() && tree.path("attempt").asInt() >= 1
        ? tree.path("attempt").asInt() : 1;
    TaskFailed failed = new TaskFailed(tree.path("task_id").asText(), tree.path("execution_id").asText(),
        tree.path("target_id").asText(), attempt, workerId, clock.instant(), null, null,
        new TaskError(kind, message.length() > 8000 ? message.substring(0, 8000) : message, null, null, null));
    try {
      results.validate(failed);
      return Optional.of(failed);
    } catch (InvalidRecordException e) {
      return Optional.empty(); // its ids break the contract: only the dead-letter topic can hold it
    }
  }
}
