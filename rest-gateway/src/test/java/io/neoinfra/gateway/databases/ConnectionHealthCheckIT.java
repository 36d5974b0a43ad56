package io.neoinfra.gateway.databases;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's side of the health check on the real embedded broker, on topics no worker reads: the request is on
 * the topic with the password sealed exactly as registered, and with nobody to answer, the check ends as
 * {@code timeout} at the configured health timeout.
 */
class ConnectionHealthCheckIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();

  private final Topics topics = new Topics(KafkaTestBroker.uniqueName("gwhc") + ".");
  private final Contracts contracts = new Contracts();
  private HealthAnswers answers;
  private ConnectionHealthCheck check;

  @BeforeEach
  void start() {
    BROKER.createTopics(2, topics.healthRequests(), topics.healthResults());
    Map<String, Object> consumer = new HashMap<>();
    consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers());
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    answers = new HealthAnswers(new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
        topics.healthResults(), contracts.healthResults().codec(), Duration.ofMillis(200));
    answers.start();
    check = new ConnectionHealthCheck(new KafkaProducer<>(BROKER.producerProps()), topics.healthRequests(),
        contracts.healthRequests().codec(), answers, new ConnectionSettings(Duration.ofSeconds(1), 2, false, null, null),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    check.close();
    answers.stop();
  }

  @Test
  void withNoWorkerRunningTheCheckEndsAsTimeout() {
    ConnectionHealthCheck.Result result = check.check(database("s3cret-" + KafkaTestBroker.uniqueName("pw")));

    assertThat(result.outcome()).isEqualTo(HealthOutcome.TIMEOUT);
    assertThat(result.checkedAt()).isNotNull();
  }

  @Test
  void theRequestCarriesTheRegisteredConnectionWithItsPasswordSealed() {
    String password = "s3cret-" + KafkaTestBroker.uniqueName("pw");
    DatabaseRecord db = database(password);

    check.check(db);

    ConsumerRecord<String, byte[]> sent = readOne(topics.healthRequests());
    HealthRequest request = contracts.healthRequests().codec().read(sent.value()).orThrow();
    assertThat(sent.key()).isEqualTo(request.requestId());
    assertThat(request.databaseId()).isEqualTo(db.databaseId());
    assertThat(request.connection().password()).isEqualTo(db.password());
    assertThat(request.connection().host()).isEqualTo(db.host());
    assertThat(request.connection().databaseName()).isEqualTo(db.databaseName());
    assertThat(request.expiresAt()).isAfter(request.requestedAt());
    assertThat(new String(sent.value(), StandardCharsets.UTF_8)).doesNotContain(password);
  }

  @Test
  void anH2DatabaseIsUnsupportedWithoutAskingAWorker() {
    DatabaseRecord h2 = new DatabaseRecord(KafkaTestBroker.uniqueName("db-h2"), "demo", ConnectionType.ADMIN,
        "eu-west", Engine.H2, null, null, "sa", null, false, 300, null, Instant.now(), Instant.now());

    assertThat(check.check(h2).outcome()).isEqualTo(HealthOutcome.UNSUPPORTED_ENGINE);
  }

  private static DatabaseRecord database(String password) {
    return new DatabaseRecord(KafkaTestBroker.uniqueName("db-hc"), "shop", ConnectionType.DEDICATED, "eu-west",
        Engine.POSTGRESQL, "127.0.0.1", 5432, "postgres", new CredentialSealer(PrivateKeyset.generate().publicKeyset()).seal(password), false, 300,
        null, Instant.now(), Instant.now());
  }

  private static ConsumerRecord<String, byte[]> readOne(String topic) {
    try (var consumer = new KafkaConsumer<>(BROKER.consumerProps(KafkaTestBroker.uniqueName("tap")),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < until) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      assertThat(records).hasSize(1);
      return records.get(0);
    }
  }
}
