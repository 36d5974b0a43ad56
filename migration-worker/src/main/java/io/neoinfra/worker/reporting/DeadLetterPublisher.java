package io.neoinfra.worker.reporting;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Sends a task record that cannot be attributed to any execution to {@code neo.migration.dlt}: the original key, value
 * and headers, redacted by the {@link RedactionPolicy} (a task carries its target's sealed password, which no dead
 * letter may show), plus {@link DeadLetterHeaders}. Nothing is dropped silently.
 */
public final class DeadLetterPublisher {

  public static final String COMPONENT = "migration-worker";

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Clock clock;

  public DeadLetterPublisher(Producer<String, byte[]> producer, String topic, Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
  }

  /** {@code errorClass} is a stable id (a DecodeFailure or FailureKind wire name). */
  public void deadLetter(ConsumerRecord<String, byte[]> source, String errorClass, String message) {
    RedactionPolicy redaction = RedactionPolicy.standard();
    ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, source.key(),
        redaction.redactBytes(source.value()));
    for (Header header : source.headers()) {
      out.headers().add(header.key(), redaction.redactHeader(header.key(), header.value()));
    }
    String now = clock.instant().toString();
    add(out, DeadLetterHeaders.ERROR_CLASS, errorClass);
    add(out, DeadLetterHeaders.ERROR_MESSAGE, redaction.redactText(message));
    add(out, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
    add(out, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(source.partition()));
    add(out, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(source.offset()));
    add(out, DeadLetterHeaders.ATTEMPTS, "1");
    add(out, DeadLetterHeaders.FIRST_FAILURE_AT, now);
    add(out, DeadLetterHeaders.LAST_FAILURE_AT, now);
    add(out, DeadLetterHeaders.DEAD_LETTERED_BY, COMPONENT);
    try {
      producer.send(out).get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResultNotWrittenException("interrupted while dead-lettering", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new ResultNotWrittenException("dead letter for " + source.topic() + "/" + source.partition() + "/"
          + source.offset() + " was not written", e);
    }
  }

  private static void add(ProducerRecord<String, byte[]> record, String name, String value) {
    record.headers().remove(name);
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
