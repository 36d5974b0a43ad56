package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * 1,000 malformed records of five kinds, shuffled among 200 valid events, against the processor really running with
 * exactly-once v2: every malformed one ends in the dead-letter topic with its reason and origin, every valid one is
 * registered, and the application never leaves RUNNING.
 */
class MalformedRecordsIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  private record Sample(ProducerRecord<String, byte[]> record, String expectedClass) {}

  @Test
  void everyMalformedRecordIsDeadLetteredEveryValidOneIsProcessedAndTheAppNeverRestarts() throws Exception {
    ProcessorSettings settings = ItSupport.settings(BROKER);
    ProcessorTopics topics = TopicSetup.topics(settings);
    String lifecycle = topics.shared().lifecycle(Priority.NORMAL);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      samples.add(new Sample(valid(lifecycle, "valid-" + i), null));
    }
    for (int i = 0; i < 250; i++) {
      ProducerRecord<String, byte[]> ok = valid(lifecycle, "truncated-" + i);
      byte[] cut = java.util.Arrays.copyOf(ok.value(), ok.value().length / 2);
      samples.add(new Sample(new ProducerRecord<>(lifecycle, null, ok.key(), cut, ok.headers()), "malformed_json"));
    }
    for (int i = 0; i < 250; i++) {
      ProducerRecord<String, byte[]> ok = valid(lifecycle, "wrong-types-" + i);
      byte[] body = ("{\"database_id\":" + i + ",\"database_name\":[],\"connection_type\":\"shared\","
          + "\"username\":\"neo\",\"port\":\"x\",\"password\":\"hunter2\"}").getBytes(StandardCharsets.UTF_8);
      samples.add(new Sample(new ProducerRecord<>(lifecycle, null, ok.key(), body, ok.headers()),
          "schema_violation"));
    }
    for (int i = 0; i < 250; i++) {
      ProducerRecord<String, byte[]> ok = valid(lifecycle, "no-headers-" + i);
      samples.add(new Sample(new ProducerRecord<>(lifecycle, null, ok.key(), ok.value(), new RecordHeaders()),
          "missing_cloudevents_headers"));
    }
    byte[] huge = new byte[1_100_000];
    java.util.Arrays.fill(huge, (byte) 'x');
    for (int i = 0; i < 50; i++) {
      ProducerRecord<String, byte[]> ok = valid(lifecycle, "huge-" + i);
      samples.add(new Sample(new ProducerRecord<>(lifecycle, null, ok.key(), huge, ok.headers()),
          "payload_too_large"));
    }
    for (int i = 0; i < 200; i++) {
      ProducerRecord<String, byte[]> ok = valid(lifecycle, "unknown-type-" + i);
      ok.headers().remove("ce_type").add("ce_type", "io.neoinfra.cat.adopted".getBytes(StandardCharsets.UTF_8));
      samples.add(new Sample(ok, "unknown_event_type"));
    }
    Collections.shuffle(samples, new Random(42));
    Map<String, Long> expected = samples.stream().filter(s -> s.expectedClass() != null)
        .collect(Collectors.groupingBy(Sample::expectedClass, Collectors.counting()));

    try (MigrationProcessor processor = MigrationProcessor.start(settings);
        var deadLetters = new ItSupport.Follower(BROKER, topics.shared().deadLetters());
        var databases = new ItSupport.Follower(BROKER, topics.shared().databases());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(withLargeRequests(BROKER.producerProps()))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);

      samples.forEach(s -> producer.send(s.record()));
      producer.flush();

      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .until(() -> deadLetters.records.size() >= 1000 && databases.records.size() >= 200);
      Map<String, Long> byClass = deadLetters.records.stream()
          .collect(Collectors.groupingBy(r -> header(r, DeadLetterHeaders.ERROR_CLASS), Collectors.counting()));
      assertThat(deadLetters.records).hasSize(1000);
      assertThat(byClass).isEqualTo(expected);
      assertThat(deadLetters.records).allSatisfy(r -> {
        assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(lifecycle);
        assertThat(header(r, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
        assertThat(header(r, DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
      });
      assertThat(databases.records).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrderElementsOf(samples.stream().filter(s -> s.expectedClass() == null)
              .map(s -> s.record().key()).toList());
      assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
      List<KafkaStreams.State> history = processor.stateHistory();
      assertThat(history.subList(history.indexOf(KafkaStreams.State.RUNNING), history.size()))
          .containsOnly(KafkaStreams.State.RUNNING);
      assertThat(processor.threadFailures()).isZero();
      assertThat(processor.metrics().count("neo.processor.handler.errors")).isZero();
    }
  }

  private static ProducerRecord<String, byte[]> valid(String topic, String databaseId) {
    return ItSupport.CODEC.encode(topic, new DatabaseCreated(databaseId, "app", ConnectionType.SHARED, "eu-1",
        Engine.POSTGRESQL, "db.local", 5432, "neo", null, false, null, null), URI.create("/it"));
  }

  private static Map<String, Object> withLargeRequests(Map<String, Object> props) {
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    return props;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

}
