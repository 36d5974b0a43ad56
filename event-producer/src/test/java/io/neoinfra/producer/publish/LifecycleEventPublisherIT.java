package io.neoinfra.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseUpdated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleEventPublisherIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();

  /** The workers' keyset: the publisher is given only its public half. */
  private final PrivateKeyset workerKeys = PrivateKeyset.generate();
  private final LifecycleEventCodec codec = new LifecycleEventCodec(NeoJson.newMapper(), new ContractValidator());
  private Topics topics;
  private LifecycleEventPublisher publisher;

  @BeforeEach
  void createTopicsAndPublisher() {
    topics = new Topics(KafkaTestBroker.uniqueName("pub") + ".");
    KAFKA.createTopics(3, topics.lifecycleAll().toArray(String[]::new));
    publisher = LifecycleEventPublisher.configure()
        .bootstrapServers(KAFKA.bootstrapServers())
        .topicPrefix(topics.prefix())
        .source(URI.create("/billing-service"))
        .publicKeyset(workerKeys.publicKeyset())
        .load();
  }

  @AfterEach
  void closePublisher() {
    publisher.close();
  }

  @Test
  void tenThousandEventsComeBackValidAndInPerKeyOrder() throws Exception {
    int events = 10_000;
    int keysCount = 100;
    List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      int sequence = i / keysCount + 1; // 1..100 for every key, in publishing order
      receipts.add(publisher.publish(databaseUpdated("db-" + (i % keysCount), sequence), Priority.NORMAL));
    }
    // a bound, not a timing: on the shared 2-core machine under load, after the other ITs, 60 s was not always enough
    CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);

    List<ConsumerRecord<String, byte[]>> records = readAll(topics.lifecycle(Priority.NORMAL), events);

    Map<String, Integer> lastSequence = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      LifecycleEnvelope envelope = codec.decode(record.headers(), record.value()).orThrow();
      DatabaseUpdated event = (DatabaseUpdated) envelope.event();
      assertThat(record.key()).isEqualTo(event.databaseId());
      int previous = lastSequence.getOrDefault(event.databaseId(), 0);
      assertThat(event.migrationTimeout()).as("order of %s", event.databaseId()).isEqualTo(previous + 1);
      lastSequence.put(event.databaseId(), event.migrationTimeout());
    }
    assertThat(records).hasSize(events);
    assertThat(lastSequence).hasSize(keysCount).allSatisfy((key, last) -> assertThat(last).isEqualTo(events / keysCount));
  }

  @Test
  void receiptSaysWhereTheEventLanded() throws Exception {
    PublishReceipt receipt = publisher.databaseDeleted("db-7", Priority.CRITICAL).get(30, TimeUnit.SECONDS);

    assertThat(receipt.topic()).isEqualTo(topics.lifecycle(Priority.CRITICAL));
    assertThat(receipt.key()).isEqualTo("db-7");
    assertThat(receipt.offset()).isZero();
    assertThat(receipt.eventId()).isNotBlank();
  }

  @Test
  void anInvalidEventIsRefusedWithEveryFieldErrorAndNothingIsSent() {
    MigrationRequested invalid = new MigrationRequested(null, null, List.of("Not A Region"), null, "v2", null, null,
        null, null, null, 0, null, null);

    assertThatThrownBy(() -> publisher.migrationRequested(invalid, Priority.HIGH))
        .isInstanceOfSatisfying(ContractViolationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field)
            .contains("$.execution_id", "$.scope", "$.regions[0]", "$.target_version", "$.migration_timeout"));
    publisher.flush();

    assertThat(endOffsets(topics.lifecycleAll())).allSatisfy((partition, offset) -> assertThat(offset).isZero());
  }

  @Test
  void aPasswordReachesTheTopicOnlySealedAndOnlyTheWorkersKeysetOpensIt() throws Exception {
    String password = "Tr0ub4dor&3-plain";
    publisher.databaseCreated(new DatabaseConnection("db-secret", "acme", ConnectionType.DEDICATED, "eu-west",
        Engine.POSTGRESQL, "127.0.0.1", 5432, "acme", password, true, 300, "acme"), Priority.HIGH)
        .get(30, TimeUnit.SECONDS);

    ConsumerRecord<String, byte[]> record = readAll(topics.lifecycle(Priority.HIGH), 1).get(0);

    String raw = new String(record.value(), StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(password);
    record.headers().forEach(h -> assertThat(new String(h.value(), StandardCharsets.ISO_8859_1)).doesNotContain(password));
    JsonNode body = NeoJson.newMapper().readTree(record.value());
    EncryptedSecret sealed = new EncryptedSecret(body.get("password").asText());
    assertThat(sealed.ciphertext()).startsWith("neo-enc:v2:");
    assertThat(sealed.keyId()).isEqualTo(workerKeys.primaryKeyId());
    assertThat(new CredentialOpener(workerKeys).open(sealed)).isEqualTo(password);
  }

  @Test
  void aPasswordWithoutAPublicKeysetIsRefusedAndNothingIsSent() {
    try (LifecycleEventPublisher withoutKeys = LifecycleEventPublisher.configure()
        .bootstrapServers(KAFKA.bootstrapServers()).topicPrefix(topics.prefix()).source(URI.create("/x")).load()) {
      DatabaseConnection connection = new DatabaseConnection("db-1", "acme", ConnectionType.ADMIN, null, null, null,
          null, "postgres", "secret", null, null, null);

      assertThatThrownBy(() -> withoutKeys.databaseCreated(connection, Priority.NORMAL))
          .isInstanceOf(MissingPublicKeysetException.class)
          .hasMessageNotContaining("secret");
    }
    assertThat(endOffsets(topics.lifecycleAll())).allSatisfy((partition, offset) -> assertThat(offset).isZero());
  }

  @Test
  void publishedJsonWithAPlainPasswordIsSealedFirst() throws Exception {
    JsonNode json = NeoJson.newMapper().readTree("""
        {"database_id":"db-json","database_name":"acme","connection_type":"dedicated","username":"acme",
         "password":"plain-from-json"}""");

    publisher.publishJson(io.neoinfra.schemas.events.EventType.DATABASE_CREATED, json, Priority.LOW).get(30, TimeUnit.SECONDS);

    ConsumerRecord<String, byte[]> record = readAll(topics.lifecycle(Priority.LOW), 1).get(0);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("plain-from-json").contains("neo-enc:v2:");
  }

  @Test
  void aPasswordRefTravelsAsItIsWithoutAnyKeyset() throws Exception {
    try (LifecycleEventPublisher withoutKeys = LifecycleEventPublisher.configure()
        .bootstrapServers(KAFKA.bootstrapServers()).topicPrefix(topics.prefix()).source(URI.create("/x")).load()) {
      withoutKeys.databaseCreated(new DatabaseConnection("db-ref", "acme", ConnectionType.DEDICATED, null, null,
          "127.0.0.1", 5432, "acme", null, PasswordRef.parse("file:acme.password"), true, 300, null), Priority.HIGH)
          .get(30, TimeUnit.SECONDS);
    }

    JsonNode body = NeoJson.newMapper().readTree(readAll(topics.lifecycle(Priority.HIGH), 1).get(0).value());
    assertThat(body.get("password_ref").asText()).isEqualTo("file:acme.password");
    assertThat(body.path("password").isNull() || body.path("password").isMissingNode()).isTrue();
  }

  private DatabaseUpdated databaseUpdated(String id, int sequence) {
    return new DatabaseUpdated(id, "db_" + id.replace('-', '_'), ConnectionType.DEDICATED, "eu-west",
        Engine.POSTGRESQL, "127.0.0.1", 5432, "owner", null, false, sequence, null);
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProps(KafkaTestBroker.uniqueName("reader")))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(180)).pollDelay(Duration.ZERO).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    assertThat(records).as("records read from %s", topic).hasSize(expected);
    return records;
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topicNames) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProps("offsets"))) {
      List<TopicPartition> partitions = topicNames.stream()
          .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
          .toList();
      return consumer.endOffsets(partitions);
    }
  }

}
