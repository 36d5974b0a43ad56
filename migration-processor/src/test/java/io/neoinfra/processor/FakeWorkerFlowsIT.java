package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor really running (exactly-once v2, embedded KRaft broker) with a scripted fake worker in place of the
 * real one, which is written in parallel: the flows the issue asks of the real worker and PostgreSQL, minus Flyway.
 */
class FakeWorkerFlowsIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
  private static ProcessorSettings settings;
  private static ProcessorTopics topics;
  private static MigrationProcessor processor;
  private static FakeWorker worker;
  private static KafkaProducer<String, byte[]> producer;
  private static ItSupport.Follower executions;
  private static ItSupport.Follower deadLetters;

  @BeforeAll
  static void startProcessorAndWorker() {
    settings = ItSupport.settings(BROKER);
    topics = TopicSetup.topics(settings);
    processor = MigrationProcessor.start(settings);
    worker = new FakeWorker(BROKER, topics.shared());
    producer = new KafkaProducer<>(BROKER.producerProps());
    executions = new ItSupport.Follower(BROKER, topics.shared().executions());
    deadLetters = new ItSupport.Follower(BROKER, topics.shared().deadLetters());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    worker.close();
    producer.close();
    executions.close();
    deadLetters.close();
    processor.close();
  }

  private static DatabaseCreated database(String id) {
    return new DatabaseCreated(id, id, ConnectionType.DEDICATED, "eu-1", Engine.POSTGRESQL, "127.0.0.1", 5432,
        "postgres", null, null, null, null);
  }

  private static ExecutionView executionOf(String databaseId) {
    return executions.views.values().stream()
        .filter(v -> v.targets().stream().anyMatch(t -> t.databaseId().equals(databaseId)))
        .filter(v -> v.status().terminal())
        .findFirst().orElse(null);
  }

  private static TaskFailed refused(io.neoinfra.schemas.tasks.MigrationTask task) {
    return new TaskFailed(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "fake", Instant.now(),
        null, null, new TaskError(FailureKind.CONNECTION_REFUSED, "Connection to 127.0.0.1:1 refused", null, null,
            "08001"));
  }

  @Test
  void databaseCreatedWithAutoMigrateReachesCompleted_withScriptedFakeWorker() {
    ItSupport.publish(producer, topics, database("auto-ok"));
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).until(() -> executionOf("auto-ok") != null);

    ExecutionView view = executionOf("auto-ok");
    assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(view.metadata().triggeredBy().wireName()).isEqualTo("database_created_event");
    assertThat(view.targets()).singleElement().satisfies(t -> assertThat(t.versionAfter()).isEqualTo("1"));
  }

  @Test
  void targetThatIsDownRecoversThroughTheRetryTiers_withScriptedFakeWorker() {
    worker.script("down-then-up", task -> task.attempt() < 3
        ? List.of(new TaskStarted(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "fake",
            Instant.now()), refused(task))
        : FakeWorker.succeed(task));

    ItSupport.publish(producer, topics, database("down-then-up"));
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).until(() -> executionOf("down-then-up") != null);
    ExecutionView view = executionOf("down-then-up");
    assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
    TargetState target = view.targets().get(0);
    assertThat(target.status()).isEqualTo(TargetStatus.SUCCEEDED);
    assertThat(target.attempts()).isEqualTo(3);
    assertThat(worker.received()).filteredOn(t -> t.targetId().equals("down-then-up")).hasSize(3);
  }

  @Test
  void targetThatNeverRecoversEndsInTheDeadLetterTopicAndTheExecutionFails_withScriptedFakeWorker() {
    worker.script("always-down", task -> List.of(refused(task)));

    ItSupport.publish(producer, topics, database("always-down"));
    producer.flush();

    await().atMost(Duration.ofSeconds(60)).until(() -> executionOf("always-down") != null);
    ExecutionView view = executionOf("always-down");
    assertThat(view.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(view.reason()).contains("always-down").contains("connection_refused");
    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.records.stream().anyMatch(r ->
        "always-down".equals(header(r, DeadLetterHeaders.DATABASE_ID))));
    var letter = deadLetters.records.stream()
        .filter(r -> "always-down".equals(header(r, DeadLetterHeaders.DATABASE_ID))).findFirst().orElseThrow();
    assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("connection_refused");
    assertThat(header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
  }

  private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
