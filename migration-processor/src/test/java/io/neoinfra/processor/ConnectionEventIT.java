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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real broker: database events whose connection fields would become driver settings are dead-lettered as
 * {@code invalid_connection} and never registered, while a valid event after them is.
 */
class ConnectionEventIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  @TempDir
  Path dir;

  @Test
  void deadLettersAttacksThroughConnectionFieldsAndRegistersNoneOfThem() throws Exception {
    ProcessorSettings settings = ItSupport.settings(BROKER);
    ProcessorTopics topics = TopicSetup.topics(settings);
    String lifecycle = topics.shared().lifecycle(Priority.HIGH);
    Path marker = dir.resolve("marker.txt");
    String h2Init = "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker + "')";

    try (MigrationProcessor processor = MigrationProcessor.start(settings);
        var deadLetters = new ItSupport.Follower(BROKER, topics.shared().deadLetters());
        var databases = new ItSupport.Follower(BROKER, topics.shared().databases());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(BROKER.producerProps())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> processor.state() == KafkaStreams.State.RUNNING);

      producer.send(attack(lifecycle, "h2-init", "h2", h2Init, null));
      producer.send(attack(lifecycle, "pg-socket-factory", "postgresql",
          "app?socketFactory=java.io.FileOutputStream&socketFactoryArg=" + marker, "127.0.0.1"));
      producer.send(attack(lifecycle, "pg-options-in-host", "postgresql", "app",
          "127.0.0.1/app?sslmode=disable&options=-c"));
      producer.send(attack(lifecycle, "mariadb-local-infile", "mariadb", "app?allowLoadLocalInfile=true", "127.0.0.1"));
      producer.send(ItSupport.CODEC.encode(lifecycle, new DatabaseCreated("plain", "app", ConnectionType.DEDICATED,
          "eu-1", Engine.POSTGRESQL, "127.0.0.1", 5432, "neo", null, false, null, null), URI.create("/it")));
      producer.flush();

      await().atMost(Duration.ofSeconds(90)).until(() -> deadLetters.records.size() >= 4
          && databases.records.stream().anyMatch(r -> "plain".equals(r.key())));
      assertThat(deadLetters.records).extracting(ConsumerRecord::key)
          .containsExactlyInAnyOrder("h2-init", "pg-socket-factory", "pg-options-in-host", "mariadb-local-infile");
      assertThat(deadLetters.records).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo("invalid_connection"));
      assertThat(databases.records).extracting(ConsumerRecord::key).containsExactly("plain");
      assertThat(Files.exists(marker)).isFalse();
    }
  }

  /** A database.created record with CloudEvents headers whose body a producer wrote by hand. */
  private static ProducerRecord<String, byte[]> attack(String topic, String id, String engine, String databaseName,
      String host) {
    ProducerRecord<String, byte[]> valid = ItSupport.CODEC.encode(topic, new DatabaseCreated(id, "app",
        ConnectionType.DEDICATED, "eu-1", Engine.POSTGRESQL, "127.0.0.1", 5432, "neo", null, false, null, null),
        URI.create("/it"));
    String body = "{\"database_id\":\"" + id + "\",\"database_name\":\"" + databaseName + "\","
        + "\"connection_type\":\"dedicated\",\"engine\":\"" + engine + "\","
        + (host == null ? "" : "\"host\":\"" + host + "\",") + "\"username\":\"neo\",\"auto_migrate\":true}";
    return new ProducerRecord<>(topic, null, valid.key(), body.getBytes(StandardCharsets.UTF_8), valid.headers());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
