package io.neoinfra.producer.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic from given start offsets up to the end offsets captured when the scan starts, without a consumer group
 * (assign + seek): nobody's committed offsets move, and records written during the scan are not waited for.
 */
final class TopicScanner {

  private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;
  private final Duration timeout;

  TopicScanner(Supplier<KafkaConsumer<byte[], byte[]>> consumers, Duration timeout) {
    this.consumers = consumers;
    this.timeout = timeout;
  }

  /** Every record of the topic, in partition order within each partition. */
  void scanAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    scan(topic, Map.of(), sink);
  }

  /**
   * Reads {@code topic}; {@code startOffsets} (partition → first offset) narrows the scan to those partitions, an empty
   * map reads every partition from its beginning.
   *
   * @throws DeadLetterException TOPIC_NOT_FOUND if the topic does not exist
   */
  void scan(String topic, Map<Integer, Long> startOffsets, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumers.get()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new DeadLetterException(DeadLetterException.Code.TOPIC_NOT_FOUND, "topic " + topic + " does not exist",
            null);
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : infos) {
        if (startOffsets.isEmpty() || startOffsets.containsKey(info.partition())) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
      for (TopicPartition partition : partitions) {
        Long start = startOffsets.get(partition.partition());
        if (start == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, start);
        }
      }
      drain(consumer, ends, sink);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE,
          "Kafka did not answer within " + timeout + " reading " + topic, e);
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      throw new DeadLetterException(DeadLetterException.Code.INTERRUPTED, "interrupted reading " + topic, e);
    }
  }

  private void drain(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    // position() also moves past transaction markers and aborted records, which poll() never returns
    ends.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ends.isEmpty()) {
      var records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> record : records) {
        Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
        if (end != null && record.offset() < end) {
          sink.accept(record);
        }
      }
      if (!records.isEmpty()) {
        deadline = System.nanoTime() + timeout.toNanos();
      }
      ends.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
      if (!ends.isEmpty() && System.nanoTime() > deadline) {
        throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE,
            "no progress reading " + ends.keySet() + " for " + timeout, null);
      }
    }
  }
}
