package io.neoinfra.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.testsupport.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class LocalKafkaBrokerIT {

  @TempDir Path dataDir;

  @Test
  void aSecondStartResumesFromTheDataOfTheFirst() throws Exception {
    LocalKafkaSettings settings = new LocalKafkaSettings(dataDir, FreePorts.next(), FreePorts.next());

    try (LocalKafkaBroker broker = LocalKafkaBroker.start(settings)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("dev.events", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
        producer.send(new ProducerRecord<>("dev.events", "k", "kept across restarts")).get(30, TimeUnit.SECONDS);
      }
    }

    try (LocalKafkaBroker restarted = LocalKafkaBroker.start(settings)) {
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
          ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
        consumer.subscribe(List.of("dev.events"));
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(records::add);
          return !records.isEmpty();
        });
      }
      assertThat(records).extracting(ConsumerRecord::value).containsExactly("kept across restarts");
    }
  }

}
