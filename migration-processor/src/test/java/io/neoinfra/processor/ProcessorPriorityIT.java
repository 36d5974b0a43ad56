package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A critical lifecycle event does not wait behind a backlog of low-priority events in the processor: its task is
 * written before most of the low ones that were published before it (order asserted, not time).
 */
class ProcessorPriorityIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
  private static final int BACKLOG = 2_000;

  @Test
  void aCriticalEventOvertakesABacklogOfLowEventsQueuedBeforeIt() throws Exception {
    ProcessorSettings settings = ItSupport.settings(BROKER);
    ProcessorTopics topics = TopicSetup.topics(settings);
    String databaseId = "db-prio";
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(BROKER.producerProps());
        ItSupport.Follower databases = new ItSupport.Follower(BROKER, topics.shared().databases())) {
      // given: a registered database, and the processor stopped
      try (MigrationProcessor processor = MigrationProcessor.start(settings)) {
        producer.send(ItSupport.CODEC.encode(topics.shared().lifecycle(Priority.NORMAL), new DatabaseCreated(
            databaseId, databaseId, ConnectionType.DEDICATED, "eu-1", Engine.POSTGRESQL, "127.0.0.1", 5432,
            "postgres", null, false, null, null), URI.create("/it")));
        await().atMost(Duration.ofSeconds(60)).until(() -> databases.records.stream()
            .anyMatch(r -> databaseId.equals(r.key())));
      }
      // and: a backlog of low-priority requests, then one critical request, queued while it was down
      for (int i = 0; i < BACKLOG; i++) {
        producer.send(ItSupport.CODEC.encode(topics.shared().lifecycle(Priority.LOW), request("low-" + i),
            URI.create("/it")));
      }
      producer.send(ItSupport.CODEC.encode(topics.shared().lifecycle(Priority.CRITICAL), request("critical"),
          URI.create("/it")));
      producer.flush();

      // when: the processor comes back to the backlog
      try (MigrationProcessor processor = MigrationProcessor.start(settings);
          ItSupport.Follower low = new ItSupport.Follower(BROKER, topics.shared().tasks(Priority.LOW));
          ItSupport.Follower critical = new ItSupport.Follower(BROKER, topics.shared().tasks(Priority.CRITICAL))) {
        await().atMost(Duration.ofSeconds(180)).until(() -> critical.records.size() == 1
            && low.records.size() == BACKLOG);

        // then: the critical task was written before most of the low tasks queued ahead of it
        long criticalAt = critical.records.get(0).timestamp();
        long lowBefore = low.records.stream().mapToLong(ConsumerRecord::timestamp).filter(t -> t < criticalAt).count();
        assertThat(lowBefore).as("low tasks written before the critical one").isLessThan(BACKLOG / 2);
      }
    }
  }

  private static MigrationRequested request(String executionId) {
    return new MigrationRequested(executionId, Scope.TENANT, List.of(), List.of("db-prio"), null, false, null, true,
        null, MigrationOperation.VALIDATE, null, "it", TriggeredBy.EVENT);
  }
}
