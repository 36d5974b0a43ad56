package io.neoinfra.worker.reporting;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.serde.ContractSerde;
import io.neoinfra.schemas.tasks.TaskResult;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes task results to {@code neo.migration.results}, keyed by execution id so that one execution's results stay in
 * order on one partition. Progress (started, script applied) is sent without waiting; the final result is awaited,
 * because the task's offset may only be committed once it is written.
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

  /** Returns once the broker acknowledged the result (acks=all). */
  public void publishAndWait(TaskResult result) {
    publishAndWait(result, new RecordHeaders());
  }

  /**
   * The final result of the task in {@code taskRecord}'s headers: a replayed task's {@code neo-replayed-from} is
   * copied onto it, so that the processor counts the outcome of a task an operator replayed from the dead-letter topic
   * (it re-opens the target that had failed for good).
   */
  public void publishAndWait(TaskResult result, Headers taskRecord) {
    ProducerRecord<String, byte[]> record = record(result);
    Header replayedFrom = taskRecord.lastHeader(DeadLetterHeaders.REPLAYED_FROM);
    if (replayedFrom != null) {
      record.headers().add(replayedFrom);
    }
    try {
      producer.send(record).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResultNotWrittenException("interrupted while writing a result", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ResultNotWrittenException("result of task " + result.taskId() + " was not written", e);
    }
  }

  /** Throws {@link io.neoinfra.schemas.serde.InvalidRecordException} if the result breaks its contract. */
  public void validate(TaskResult result) {
    serializer.serialize(topic, result);
  }

  private ProducerRecord<String, byte[]> record(TaskResult result) {
    return new ProducerRecord<>(topic, result.executionId(), serializer.serialize(topic, result));
  }
}
