package io.neoinfra.worker.priority;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed. Tasks of one partition finish out of order; the committable offset of a partition is
 * its lowest unfinished offset (or one past the last fetched one), so a crash re-delivers every task whose result was
 * not yet written, and nothing else is lost.
 */
final class OffsetLedger {

  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

  private static final class PartitionState {
    final TreeSet<Long> unfinished = new TreeSet<>();
    long next = -1;
    long committed = -1;
  }

  synchronized void accepted(TopicPartition partition, long offset) {
    PartitionState state = partitions.computeIfAbsent(partition, p -> new PartitionState());
    state.unfinished.add(offset);
    state.next = Math.max(state.next, offset + 1);
  }

  /** The task's outcome is written; an offset of a partition that was revoked meanwhile is ignored. */
  synchronized void finished(TopicPartition partition, long offset) {
    PartitionState state = partitions.get(partition);
    if (state != null) {
      state.unfinished.remove(offset);
    }
  }

  /** The offsets that advanced since the last call. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    return committable(partitions.keySet());
  }

  synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> among) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : among) {
      PartitionState state = partitions.get(partition);
      if (state == null || state.next < 0) {
        continue;
      }
      long commit = state.unfinished.isEmpty() ? state.next : state.unfinished.first();
      if (commit > state.committed) {
        offsets.put(partition, new OffsetAndMetadata(commit));
        state.committed = commit;
      }
    }
    return offsets;
  }

  synchronized void forget(Collection<TopicPartition> revoked) {
    revoked.forEach(partitions::remove);
  }

  synchronized int unfinished() {
    return partitions.values().stream().mapToInt(s -> s.unfinished.size()).sum();
  }
}
