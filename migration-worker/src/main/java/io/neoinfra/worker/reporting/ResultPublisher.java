package io.neoinfra.worker.reporting;

import io.neoinfra.schemas.serde.ContractSerde;
import io.neoinfra.schemas.tasks.TaskResult;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    try {
      producer.send(record(result)).get(60, TimeUnit.SECONDS);
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
