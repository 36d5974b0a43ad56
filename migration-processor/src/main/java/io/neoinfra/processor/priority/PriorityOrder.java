package io.neoinfra.processor.priority;

import io.neoinfra.processor.execution.ExecutionInput;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Priority in the processor's inputs. Kafka Streams has none, but among the records a task has buffered from its
 * partitions it always processes the one with the smallest timestamp next. A high or critical lifecycle event, and the
 * start command it becomes, are therefore given a timestamp earlier than their own by a lead (10 and 20 minutes), so
 * that they overtake the low-priority events and the worker results buffered beside them instead of waiting behind a
 * backlog. Normal and low records, and results, keep their own timestamps, so they stay in arrival order among
 * themselves and a flood of normal requests cannot starve running executions of their results.
 *
 * <p>Nothing in the processor reads these timestamps: its state is keyed, its punctuations run on wall-clock time,
 * and every record it writes carries the wall-clock time, except a dead letter, which gets its original back
 * ({@link #original}).
 */
public final class PriorityOrder implements TimestampExtractor {

  private static final long HIGH_LEAD_MS = Duration.ofMinutes(10).toMillis();
  private static final long CRITICAL_LEAD_MS = Duration.ofMinutes(20).toMillis();

  private final Topics topics;

  public PriorityOrder(Topics topics) {
    this.topics = topics;
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long own = record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    return Math.max(0, own - lead(priorityOf(record)));
  }

  /** A record's own timestamp, from the one this extractor gave it. */
  public static long original(long extracted, Priority priority) {
    return extracted + lead(priority);
  }

  static long lead(Priority priority) {
    if (priority == null) {
      return 0;
    }
    return switch (priority) {
      case CRITICAL -> CRITICAL_LEAD_MS;
      case HIGH -> HIGH_LEAD_MS;
      case NORMAL, LOW -> 0;
    };
  }

  private Priority priorityOf(ConsumerRecord<Object, Object> record) {
    if (record.value() instanceof ExecutionInput.Start start) {
      return start.command().priority();
    }
    return topics.priorityOf(record.topic()).orElse(null);
  }
}
