package io.neoinfra.reliability.soak;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Lag of a consumer group: committed offsets against the last committed (read_committed) end offsets. */
final class ConsumerLag {

  private final Admin admin;

  ConsumerLag(Admin admin) {
    this.admin = admin;
  }

  /** Records not yet consumed by {@code group} across all its partitions; -1 when Kafka did not answer. */
  long of(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var entry : committed.entrySet()) {
        if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
          lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
        }
      }
      return lag;
    } catch (Exception e) {
      return -1;
    }
  }
}
