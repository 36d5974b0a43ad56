package io.neoinfra.producer.watch;

import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Follows one execution on the compacted executions topic, straight from Kafka (no gateway needed), and hands every
 * new version of its view to a listener until the execution reaches a terminal status or the timeout passes. Reads
 * only the partition that holds the execution's key, without joining a consumer group.
 */
public final class ExecutionWatcher {

  private final Map<String, Object> kafkaProperties;
  private final String topic;
  private final ContractCodec<ExecutionView> codec;
  private final Clock clock;

  public ExecutionWatcher(String bootstrapServers, Map<String, Object> kafkaProperties, String executionsTopic,
      Clock clock) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.kafkaProperties = Map.copyOf(props);
    this.topic = executionsTopic;
    this.codec = new Contracts().executions().codec();
    this.clock = clock;
  }

  /**
   * Calls {@code onChange} with each new view of {@code executionId} (the latest one first, then every change) and
   * returns the last view seen: terminal, or whatever it was when {@code timeout} ran out (empty if never seen).
   */
  public Optional<ExecutionView> follow(String executionId, Duration timeout, Consumer<ExecutionView> onChange) {
    Instant deadline = clock.instant().plus(timeout);
    ExecutionView last = null;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafkaProperties)) {
      int partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
      // The producer's default partitioner puts a key on murmur2(key) mod partitions: read only that partition.
      TopicPartition partition = new TopicPartition(topic,
          Utils.toPositive(Utils.murmur2(executionId.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      while (clock.instant().isBefore(deadline)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          if (!executionId.equals(record.key()) || record.value() == null) {
            continue;
          }
          Decoded<ExecutionView> decoded = codec.read(record.value());
          if (decoded instanceof Decoded.Valid<ExecutionView> valid && !valid.value().equals(last)) {
            last = valid.value();
            onChange.accept(last);
          }
        }
        if (last != null && last.status().terminal()) {
          break;
        }
      }
    }
    return Optional.ofNullable(last);
  }
}
