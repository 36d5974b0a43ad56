package io.neoinfra.producer.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.FieldError;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any service in any language can publish and read our events with a plain Kafka client: here kcat (librdkafka, from
 * the OS packages) writes CloudEvents binary-mode records the Java deserializer reads, and reads what the Java library
 * writes.
 */
class KcatInteropIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final ObjectMapper MAPPER = NeoJson.newMapper();

  private final LifecycleEventCodec codec = new LifecycleEventCodec(MAPPER, new ContractValidator());
  private Topics topics;

  @BeforeAll
  static void kcatIsInstalled() {
    assertThat(Files.isExecutable(Path.of("/usr/bin/kcat")))
        .as("kcat is needed by this test: apt-get install kcat (.ci/run installs it)").isTrue();
  }

  @BeforeEach
  void createTopics() {
    topics = new Topics(KafkaTestBroker.uniqueName("kcat") + ".");
    KAFKA.createTopics(1, topics.lifecycleAll().toArray(String[]::new));
  }

  @Test
  void aDatabaseCreatedEventPublishedByKcatIsReadAndValidatedInJava() throws Exception {
    String body = """
        {"database_id":"db-kcat","database_name":"acme","connection_type":"dedicated","region":"eu-west",
         "engine":"postgresql","host":"127.0.0.1","port":5432,"username":"acme","auto_migrate":true}""".replace("\n", "");

    kcatProduce(topics.lifecycle(Priority.HIGH), "db-kcat", body, Map.of(
        "ce_specversion", "1.0", "ce_id", "kcat-1", "ce_type", "io.neoinfra.database.created",
        "ce_source", "/kcat", "ce_time", "2026-11-25T10:00:00Z", "content-type", "application/json"));

    ConsumerRecord<String, byte[]> record = readOne(topics.lifecycle(Priority.HIGH));
    LifecycleEnvelope envelope = codec.decode(record.headers(), record.value()).orThrow();
    assertThat(envelope.id()).isEqualTo("kcat-1");
    assertThat(envelope.source()).isEqualTo(URI.create("/kcat"));
    assertThat(envelope.event()).isEqualTo(new DatabaseCreated("db-kcat", "acme", ConnectionType.DEDICATED,
        "eu-west", Engine.POSTGRESQL, "127.0.0.1", 5432, "acme", null, true, null, null));
  }

  @Test
  void anInvalidEventPublishedByKcatIsRefusedWithItsFieldErrors() throws Exception {
    kcatProduce(topics.lifecycle(Priority.LOW), "db-bad", "{\"database_id\":\"db-bad\",\"port\":\"5432\"}", Map.of(
        "ce_specversion", "1.0", "ce_id", "kcat-2", "ce_type", "io.neoinfra.database.created",
        "ce_source", "/kcat", "content-type", "application/json"));

    ConsumerRecord<String, byte[]> record = readOne(topics.lifecycle(Priority.LOW));
    Decoded<LifecycleEnvelope> decoded = codec.decode(record.headers(), record.value());
    assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
      assertThat(invalid.reason()).isEqualTo(DecodeFailure.SCHEMA_VIOLATION);
      assertThat(invalid.errors()).extracting(e -> ((FieldError) e).field())
          .contains("$.database_name", "$.connection_type", "$.username", "$.port");
    });
  }

  @Test
  void anEventPublishedByTheJavaLibraryIsReadByKcat() throws Exception {
    try (LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
        .bootstrapServers(KAFKA.bootstrapServers()).topicPrefix(topics.prefix()).source(URI.create("/java")).load()) {
      publisher.databaseCreated(new DatabaseConnection("db-java", "acme", ConnectionType.SHARED, "us-east",
          Engine.MARIADB, "127.0.0.1", 3306, "root", null, false, 120, null), Priority.NORMAL).get(30, TimeUnit.SECONDS);
    }

    JsonNode envelope = kcatConsumeOne(topics.lifecycle(Priority.NORMAL));

    Map<String, String> headers = headers(envelope.get("headers"));
    assertThat(headers).containsEntry("ce_type", "io.neoinfra.database.created")
        .containsEntry("ce_specversion", "1.0").containsEntry("ce_source", "/java")
        .containsEntry("content-type", "application/json").containsKey("ce_id").containsKey("ce_time");
    assertThat(envelope.get("key").asText()).isEqualTo("db-java");
    JsonNode payload = MAPPER.readTree(envelope.get("payload").asText());
    assertThat(new ContractValidator().validate(Contract.of(EventType.DATABASE_CREATED), payload)).isEmpty();
    assertThat(payload.get("engine").asText()).isEqualTo("mariadb");
  }

  private static void kcatProduce(String topic, String key, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kcat", "-P", "-b", KAFKA.bootstrapServers(), "-t", topic,
        "-k", key, "-c", "1"));
    headers.forEach((name, value) -> command.addAll(List.of("-H", name + "=" + value)));
    Process kcat = new ProcessBuilder(command).redirectErrorStream(true).start();
    kcat.getOutputStream().write((body + "\n").getBytes(StandardCharsets.UTF_8));
    kcat.getOutputStream().close();
    String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).as("kcat -P: %s", output).isZero();
  }

  private static JsonNode kcatConsumeOne(String topic) throws IOException, InterruptedException {
    Process kcat = new ProcessBuilder("kcat", "-C", "-b", KAFKA.bootstrapServers(), "-t", topic, "-o", "beginning",
        "-c", "1", "-e", "-J").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).isZero();
    return MAPPER.readTree(output.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow());
  }

  /** kcat -J prints headers as a flat array: [name, value, name, value, …]. */
  private static Map<String, String> headers(JsonNode flat) {
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      headers.put(flat.get(i).asText(), flat.get(i + 1).asText());
    }
    return headers;
  }

  private static ConsumerRecord<String, byte[]> readOne(String topic) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProps(KafkaTestBroker.uniqueName("kcat-reader")))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
    }
    return records.get(0);
  }
}
