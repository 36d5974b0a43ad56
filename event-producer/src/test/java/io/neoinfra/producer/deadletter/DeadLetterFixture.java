package io.neoinfra.producer.deadletter;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** Writes dead letters the way the processor does (original key, value and headers plus neo-dlt-*), and reads topics. */
public final class DeadLetterFixture {

  /** What one test dead letter says about itself. */
  public record Spec(String key, String sourceTopic, int sourcePartition, long sourceOffset, String eventType,
      String errorClass, String databaseId, String executionId, Instant lastFailureAt) {}

  private final KafkaTestBroker kafka;

  public DeadLetterFixture(KafkaTestBroker kafka) {
    this.kafka = kafka;
  }

  public static byte[] value(Spec spec) {
    return ("{\"database_id\":\"" + spec.databaseId() + "\",\"database_name\":\"" + spec.key() + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the dead letters to {@code dlt} in order; returns their ids. */
  public List<DeadLetterId> deadLetter(String dlt, List<Spec> specs) throws Exception {
    List<DeadLetterId> ids = new ArrayList<>();
    try (var producer = new KafkaProducer<String, byte[]>(kafka.producerProps())) {
      List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
      for (Spec spec : specs) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_id", "evt-" + spec.key());
        header(headers, "ce_source", "/tests");
        header(headers, "ce_specversion", "1.0");
        header(headers, "content-type", "application/json");
        header(headers, "ce_type", spec.eventType());
        header(headers, DeadLetterHeaders.ERROR_CLASS, spec.errorClass());
        header(headers, DeadLetterHeaders.ERROR_MESSAGE, "failed: " + spec.errorClass());
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, spec.sourceTopic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(spec.sourcePartition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(spec.sourceOffset()));
        header(headers, DeadLetterHeaders.ATTEMPTS, "4");
        header(headers, DeadLetterHeaders.FIRST_FAILURE_AT, spec.lastFailureAt().minusSeconds(60).toString());
        header(headers, DeadLetterHeaders.LAST_FAILURE_AT, spec.lastFailureAt().toString());
        header(headers, DeadLetterHeaders.DEAD_LETTERED_BY, "migration-processor");
        header(headers, DeadLetterHeaders.EXECUTION_ID, spec.executionId());
        header(headers, DeadLetterHeaders.DATABASE_ID, spec.databaseId());
        sent.add(producer.send(new ProducerRecord<>(dlt, null, null, spec.key(), value(spec), headers)));
      }
      for (var future : sent) {
        var metadata = future.get(30, TimeUnit.SECONDS);
        ids.add(new DeadLetterId(metadata.partition(), metadata.offset()));
      }
    }
    return ids;
  }

  private static void header(RecordHeaders headers, String key, String value) {
    if (value != null) {
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Every committed record of the topic once there are at least {@code expected} (commit markers reach partitions a
   * moment after a transaction commits), read without a group.
   */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
    List<List<ConsumerRecord<String, byte[]>>> last = new ArrayList<>();
    Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
      last.clear();
      last.add(readAll(topic));
      return last.get(0).size() >= expected;
    });
    return last.get(0);
  }

  /** Every committed record of the topic, read without a group. */
  public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> props = new HashMap<>(kafka.consumerProps("unused"));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
        consumer.poll(java.time.Duration.ofMillis(100)).forEach(records::add);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
      });
    }
    return records;
  }

  public static String header(ConsumerRecord<?, ?> record, String key) {
    var header = record.headers().lastHeader(key);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
