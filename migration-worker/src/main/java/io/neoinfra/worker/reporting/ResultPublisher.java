package io.neoinfra.worker.reporting;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.serde.ContractSerde;
import io.neoinfra.schemas.tasks.TaskResult;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes task results to {@code neo.migration.results}, keyed by execution id so that one execution's results stay in
 * order on one partition. Progress (started, script applied) is sent without waiting; the final result's future
 * completes once the broker acknowledged it, because the task's offset may only be committed then. The slot that ran
 * the task does not wait for that: it runs the next task while the producer batches the acknowledgements.
 */
public final class ResultPublisher {

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Serializer<TaskResult> serializer;

  public ResultPublisher(Producer<String, byte[]> producer, String topic, ContractSerde<TaskResult> serde) {
    this.producer = producer;
    this.topic = topic;
    this.serializer = serde.serializer();
  }

  public void publishProgress(TaskResult result) {
    producer.send(record(result));
  }

  /**
   * Completes once the broker acknowledged the result (acks=all), or exceptionally with
   * {@link ResultNotWrittenException} when the producer gave up on it.
   */
  public CompletableFuture<Void> publish(TaskResult result) {
    return publish(result, new RecordHeaders());
  }

  /**
   * The final result of the task in {@code taskRecord}'s headers: a replayed task's {@code neo-replayed-from} is
   * copied onto it, so that the processor counts the outcome of a task an operator replayed from the dead-letter topic
   * (it re-opens the target that had failed for good).
   */
  public CompletableFuture<Void> publish(TaskResult result, Headers taskRecord) {
    ProducerRecord<String, byte[]> record = record(result);
    Header replayedFrom = taskRecord.lastHeader(DeadLetterHeaders.REPLAYED_FROM);
    if (replayedFrom != null) {
      record.headers().add(replayedFrom);
    }
    CompletableFuture<Void> written = new CompletableFuture<>();
    producer.send(record, (metadata, error) -> {
      if (error == null) {
        written.complete(null);
      } else {
        written.completeExceptionally(
            new ResultNotWrittenException("result of task " + result.taskId() + " was not written", error));
      }
    });
    return written;
  }

  /** Throws {@link io.neoinfra.schemas.serde.InvalidRecordException} if the result breaks its contract. */
  public void validate(TaskResult result) {
    serializer.serialize(topic, result);
  }

  private ProducerRecord<String, byte[]> record(TaskResult result) {
    return new ProducerRecord<>(topic, result.executionId(), serializer.serialize(topic, result));
  }
}
