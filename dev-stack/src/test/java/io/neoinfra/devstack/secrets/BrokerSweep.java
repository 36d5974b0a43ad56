package io.neoinfra.devstack.secrets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of every topic on a broker, internal topics included, from the beginning of every partition, with
 * uncommitted and aborted transactional records too (read_uncommitted): whatever a process with read access to the
 * broker's topics could see.
 */
final class BrokerSweep {

  /** One record as text: key, value and every header, byte for byte (ISO-8859-1), so ASCII is found even in binary. */
  record SweptRecord(String topic, int partition, long offset, String text) {}

  private BrokerSweep() {}

  static List<SweptRecord> everything(String bootstrapServers) throws Exception {
    List<TopicPartition> partitions = new ArrayList<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
        topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, false);
    List<SweptRecord> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the sweep did not reach the end of every partition: " + ends);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records.add(new SweptRecord(record.topic(), record.partition(), record.offset(), text(record)));
        }
      }
    }
    return records;
  }

  private static String text(ConsumerRecord<byte[], byte[]> record) {
    StringBuilder text = new StringBuilder();
    text.append("key=").append(latin1(record.key())).append('\n').append("value=").append(latin1(record.value()));
    for (Header header : record.headers()) {
      text.append('\n').append("header ").append(header.key()).append('=').append(latin1(header.value()));
    }
    return text.toString();
  }

  private static String latin1(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
