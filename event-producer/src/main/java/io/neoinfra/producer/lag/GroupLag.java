package io.neoinfra.producer.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One sample of a consumer group: its state, its active members and the lag of every partition it has an offset on or
 * is assigned, sorted by topic and partition.
 *
 * @param state the coordinator's group state ({@code Stable}, {@code Empty}, {@code Dead}, …)
 * @param members the number of active members
 */
public record GroupLag(String groupId, String state, int members, Instant sampledAt, List<PartitionLag> partitions) {

  public GroupLag {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(sampledAt, "sampledAt");
    partitions = partitions.stream()
        .sorted(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition))
        .toList();
  }

  /** The sum of the partitions' offset lags. */
  public long totalLag() {
    return partitions.stream().mapToLong(PartitionLag::lagOrZero).sum();
  }

  /** The largest known time lag over the partitions ({@link Duration#ZERO} if none is known). */
  public Duration maxTimeLag() {
    return partitions.stream().map(PartitionLag::timeLag).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
  }
}
