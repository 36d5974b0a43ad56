package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The worker's health responder on the embedded broker, beside task processing. */
class HealthCheckIT {

  @Test
  void aHealthRequestIsAnsweredWhileTheOnlyTaskSlotIsBusyWithAMigration() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/slow",
            b -> b.concurrency(1).shutdownGrace(Duration.ofSeconds(1)).cancelGrace(Duration.ofSeconds(1)));
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_health_busy")) {
      // given: the worker's only task slot busy in a 60 s script
      fixture.publish(WorkerFixture.task(WorkerFixture.connectionTo(db)).timeoutSeconds(600).build());
      await().atMost(Duration.ofSeconds(60)).until(() -> sleepingBackends(db) > 0);

      // when: the gateway asks for a live check of the same database
      HealthRequest request = new HealthRequest("health-" + KafkaTestBroker.uniqueName("busy"), "db-busy",
          WorkerFixture.connectionTo(db), Instant.now(), Instant.now().plusSeconds(60));
      fixture.producer.send(new ProducerRecord<>(fixture.topics.healthRequests(), request.requestId(),
          fixture.contracts.healthRequests().codec().write(request))).get();

      // then: the health consumer answers it while the migration still runs
      HealthResult answer = awaitAnswer(fixture, request.requestId());
      assertThat(answer.outcome()).isEqualTo(HealthOutcome.HEALTHY);
      assertThat(answer.databaseId()).isEqualTo("db-busy");
      assertThat(answer.workerId()).isEqualTo(fixture.worker.settings().workerId());
      assertThat(sleepingBackends(db)).isPositive();
    }
  }

  @Test
  void aRecordThatIsNoHealthRequestIsDeadLetteredWithItsReason() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/slow", b -> b)) {
      fixture.producer.send(new ProducerRecord<>(fixture.topics.healthRequests(), "junk",
          "{\"request_id\": \"x\"".getBytes(StandardCharsets.UTF_8))).get();

      ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(60))
          .until(() -> fixture.deadLetters.stream().findFirst(), Optional::isPresent).get();
      assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS).value(),
          StandardCharsets.UTF_8)).isEqualTo("malformed_json");
      assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.SOURCE_TOPIC).value(),
          StandardCharsets.UTF_8)).isEqualTo(fixture.topics.healthRequests());
    }
  }

  private static HealthResult awaitAnswer(WorkerFixture fixture, String requestId) {
    try (var consumer = new KafkaConsumer<>(fixture.broker.consumerProps(KafkaTestBroker.uniqueName("answers")),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(fixture.topics.healthResults()));
      return await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          var decoded = fixture.contracts.healthResults().codec().read(record.value());
          if (requestId.equals(record.key()) && decoded instanceof Decoded.Valid<HealthResult> valid) {
            return valid.value();
          }
        }
        return null;
      }, r -> r != null);
    }
  }

  private static int sleepingBackends(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%'"
            + " AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
