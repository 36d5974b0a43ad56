package io.neoinfra.processor.retry;

import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.processor.deadletter.DeadLetter;
import io.neoinfra.processor.fanout.RoutedTask;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Re-publishes tasks from the retry tiers when they are due ({@code neo-not-before}). A task read from a tier is kept
 * in a state store keyed by its due time; a wall-clock punctuator forwards the due ones to their task topic and
 * removes them, in the same exactly-once transaction: a crash while waiting loses nothing (the store is restored from
 * its changelog), and since nothing blocks, the other partitions and tiers go on.
 */
public final class RetryForwarder implements Processor<String, byte[], String, Object> {

  public static final String STORE = "retry-pending";
  public static final String TASKS_SINK = "retry-tasks-sink";
  public static final String DLT_SINK = "retry-dlt-sink";

  private final Topics topics;
  private final ContractCodec<MigrationTask> codec;
  private final Duration pollInterval;
  private final ProcessorMetrics metrics;
  private final RedactionPolicy redactor;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, MigrationTask> pending;

  public RetryForwarder(Topics topics, ContractCodec<MigrationTask> codec, Duration pollInterval,
      ProcessorMetrics metrics, RedactionPolicy redactor) {
    this.topics = topics;
    this.codec = codec;
    this.pollInterval = pollInterval;
    this.metrics = metrics;
    this.redactor = redactor;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.pending = context.getStateStore(STORE);
    context.schedule(pollInterval, PunctuationType.WALL_CLOCK_TIME, this::forwardDue);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Decoded<MigrationTask> decoded = codec.read(record.value());
    if (decoded instanceof Decoded.Invalid<MigrationTask> invalid) {
      DeadLetter letter = DeadLetter.of(invalid.reason().id(), "retry topic: " + invalid.message())
          .withOriginalHeaders(record.headers(), redactor)
          .withOrigin(context.recordMetadata());
      context.forward(new Record<String, Object>(record.key(), redactor.redactBytes(record.value()), record.timestamp(),
          letter.headers()), DLT_SINK);
      metrics.deadLetter("retry", invalid.reason().id());
      return;
    }
    MigrationTask task = ((Decoded.Valid<MigrationTask>) decoded).value();
    long due = notBefore(record);
    pending.put(key(due, task), task);
  }

  private void forwardDue(long nowMs) {
    List<KeyValue<String, MigrationTask>> due = new ArrayList<>();
    // Keys start with the zero-padded due time, so the due tasks are exactly the range up to now.
    try (KeyValueIterator<String, MigrationTask> it = pending.range(null, String.format(Locale.ROOT, "%015d~", nowMs))) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, MigrationTask> entry : due) {
      MigrationTask task = entry.value.withAttempt(entry.value.attempt(), Instant.ofEpochMilli(nowMs));
      context.forward(new Record<String, Object>(task.targetId(), new RoutedTask(topics.tasks(task.priority()), task),
          nowMs), TASKS_SINK);
      pending.delete(entry.key);
    }
  }

  /** The due time from {@code neo-not-before}; a record without a readable one is due at once. */
  private long notBefore(Record<String, byte[]> record) {
    Header header = record.headers().lastHeader(DeadLetterHeaders.NOT_BEFORE);
    if (header == null || header.value() == null) {
      return 0;
    }
    try {
      return Long.parseLong(new String(header.value(), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String key(long dueMs, MigrationTask task) {
    return String.format(Locale.ROOT, "%015d|%s|%d", Math.max(0, dueMs), task.taskId(), task.attempt());
  }
}
