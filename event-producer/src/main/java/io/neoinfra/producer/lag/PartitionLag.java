package io.neoinfra.producer.lag;

import java.time.Duration;
import java.time.Instant;

/**
 * The lag of one consumer group on one partition, at one moment; the columns of {@code kafka-consumer-groups
 * --describe} plus the time lag.
 *
 * @param committedOffset the group's committed offset, {@code null} if it has none for this partition (shown "-")
 * @param logEndOffset the partition's log-end offset (high watermark), as Kafka's tool reads it
 * @param lag {@code logEndOffset - committedOffset} (never negative), {@code null} without a committed offset
 * @param oldestUnconsumedAt the timestamp of the first record at or after the committed offset, {@code null} when
 *     there is no lag or it could not be read
 * @param timeLag how old the oldest unconsumed record is ({@link Duration#ZERO} without lag), {@code null} if unknown
 * @param consumerId the member the partition is assigned to, {@code null} if none
 * @param host that member's host, {@code null} if none
 * @param clientId that member's client id, {@code null} if none
 */
public record PartitionLag(
    String topic,
    int partition,
    Long committedOffset,
    long logEndOffset,
    Long lag,
    Instant oldestUnconsumedAt,
    Duration timeLag,
    String consumerId,
    String host,
    String clientId) {

  /** The lag, 0 when the group has no committed offset here (for sums and gauges). */
  public long lagOrZero() {
    return lag == null ? 0 : lag;
  }

  /** {@code topic-partition}, as Kafka names a partition. */
  public String topicPartition() {
    return topic + "-" + partition;
  }
}
