package io.neoinfra.devstack.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.processor.MigrationProcessor;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.TopicSetup;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.LoopbackProxy;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor and a real worker together, on the embedded broker, migrating real databases on the local
 * PostgreSQL with the demo bundle: the flows of the processor issue that need the real worker.
 */
class PlatformFlowsIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  private static final Contracts CONTRACTS = new Contracts();

  private static Topics topics;
  private static MigrationProcessor processor;
  private static MigrationWorker worker;
  private static LifecycleEventPublisher publisher;
  private static Follower follower;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void startPlatform() throws Exception {
    String unique = KafkaTestBroker.uniqueName("flows");
    ProcessorSettings settings = ProcessorSettings.defaults(KAFKA.bootstrapServers())
        .withApplicationId(unique)
        .withTopicPrefix(unique + ".")
        .withStateDir(Files.createTempDirectory("flows-processor"))
        .withPartitions(2)
        .withRetries(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), 6, 0.1)
        .withIntervals(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(200))
        .validate();
    TopicSetup.ensure(settings);
    topics = TopicSetup.topics(settings).shared();
    processor = MigrationProcessor.start(settings);
    worker = MigrationWorker.start(WorkerSettings.builder(KAFKA.bootstrapServers())
        .topicPrefix(topics.prefix())
        .groupId(unique + "-workers")
        .concurrency(4)
        .bundleLocation("classpath:demo-bundle")
        .connectionTimeout(Duration.ofSeconds(1))
        .circuit(new WorkerSettings.CircuitSettings(50, 4, 2, Duration.ofSeconds(1), 1))
        .metricsPort(-1)
        .build());
    publisher = LifecycleEventPublisher.configure().bootstrapServers(KAFKA.bootstrapServers())
        .topicPrefix(topics.prefix()).source(URI.create("/platform-flows-it")).load();
    follower = new Follower(topics);
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    follower.close();
    publisher.close();
    worker.close();
    processor.close();
  }

  @Test
  void aDatabaseCreatedWithAutoMigrateIsMigratedToTheLatestVersion() throws Exception {
    TestDatabase db = track(POSTGRES.createDatabase("flow_auto"));
    String databaseId = "auto-" + db.databaseName();
    long published = System.nanoTime();

    publisher.databaseCreated(connection(databaseId, db, POSTGRES.port()), Priority.HIGH).get(30, TimeUnit.SECONDS);

    ExecutionView done = awaitExecution(databaseId, ExecutionStatus.COMPLETED, Duration.ofSeconds(60));
    System.out.printf("database.created -> COMPLETED in %d ms%n", (System.nanoTime() - published) / 1_000_000);
    assertThat(done.metadata().triggeredBy()).isEqualTo(TriggeredBy.DATABASE_CREATED_EVENT);
    assertThat(target(done, databaseId).versionAfter()).isEqualTo("5");
    assertThat(history(db)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void aTargetThatIsDownAtFirstRecoversThroughTheRetryTiers() throws Exception {
    TestDatabase db = track(POSTGRES.createDatabase("flow_recover"));
    LoopbackProxy proxy = track(LoopbackProxy.down(POSTGRES.port()));
    String databaseId = "recover-" + db.databaseName();

    publisher.databaseCreated(connection(databaseId, db, proxy.port()), Priority.NORMAL).get(30, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(60)).until(() -> executionOf(databaseId)
        .map(v -> target(v, databaseId)).filter(t -> t.attempts() >= 2).isPresent());
    proxy.bringUp();

    ExecutionView done = awaitExecution(databaseId, ExecutionStatus.COMPLETED, Duration.ofSeconds(90));
    assertThat(target(done, databaseId).attempts()).isGreaterThanOrEqualTo(2);
    assertThat(target(done, databaseId).status()).isEqualTo(TargetStatus.SUCCEEDED);
    assertThat(history(db)).containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void aTargetThatNeverRecoversIsDeadLetteredAndItsExecutionFailsWithTheReason() throws Exception {
    TestDatabase db = track(POSTGRES.createDatabase("flow_down"));
    LoopbackProxy proxy = track(LoopbackProxy.down(POSTGRES.port()));
    String databaseId = "down-" + db.databaseName();

    publisher.databaseCreated(connection(databaseId, db, proxy.port()), Priority.NORMAL).get(30, TimeUnit.SECONDS);

    ExecutionView failed = awaitExecution(databaseId, ExecutionStatus.FAILED, Duration.ofSeconds(120));
    TargetState target = target(failed, databaseId);
    assertThat(target.status()).isEqualTo(TargetStatus.FAILED);
    assertThat(target.attempts()).isEqualTo(6);
    assertThat(target.error()).isNotNull();
    assertThat(target.error().retryable()).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> follower.deadLetters.stream()
        .anyMatch(r -> databaseId.equals(header(r, DeadLetterHeaders.DATABASE_ID))));
    ConsumerRecord<String, byte[]> deadLetter = follower.deadLetters.stream()
        .filter(r -> databaseId.equals(header(r, DeadLetterHeaders.DATABASE_ID))).findFirst().orElseThrow();
    assertThat(header(deadLetter, DeadLetterHeaders.ERROR_CLASS)).isIn("connection_refused", "circuit_open");
    assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("6");
    assertThat(header(deadLetter, DeadLetterHeaders.ERROR_MESSAGE)).isNotBlank();
  }

  private static DatabaseConnection connection(String databaseId, TestDatabase db, int port) {
    return new DatabaseConnection(databaseId, db.databaseName(), ConnectionType.DEDICATED, "eu-1", Engine.POSTGRESQL,
        "127.0.0.1", port, db.username(), null, null, 60, null);
  }

  private static ExecutionView awaitExecution(String databaseId, ExecutionStatus status, Duration within) {
    await().atMost(within).until(() -> executionOf(databaseId).filter(v -> v.status() == status).isPresent());
    return executionOf(databaseId).orElseThrow();
  }

  private static Optional<ExecutionView> executionOf(String databaseId) {
    return follower.views.values().stream()
        .filter(v -> v.targets().stream().anyMatch(t -> databaseId.equals(t.databaseId())))
        .findFirst();
  }

  private static TargetState target(ExecutionView view, String databaseId) {
    return view.targets().stream().filter(t -> databaseId.equals(t.databaseId())).findFirst().orElseThrow();
  }

  private static List<String> history(TestDatabase db) throws Exception {
    List<String> versions = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
    }
    return versions;
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private <T extends AutoCloseable> T track(T resource) {
    cleanup.add(0, resource);
    return resource;
  }

  @org.junit.jupiter.api.AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : cleanup) {
      resource.close();
    }
  }

  /** Follows the executions and dead-letter topics on a background thread. */
  private static final class Follower implements AutoCloseable {
    final Map<String, ExecutionView> views = new ConcurrentHashMap<>();
    final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final Thread thread;

    Follower(Topics topics) {
      KafkaConsumer<String, byte[]> consumer =
          new KafkaConsumer<>(KAFKA.consumerProps(KafkaTestBroker.uniqueName("flows-follower")));
      consumer.subscribe(List.of(topics.executions(), topics.deadLetters()));
      thread = new Thread(() -> {
        try (consumer) {
          while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
              if (record.topic().equals(topics.deadLetters())) {
                deadLetters.add(record);
              } else if (record.value() != null
                  && CONTRACTS.executions().codec().read(record.value()) instanceof Decoded.Valid<ExecutionView> v) {
                views.put(record.key(), v.value());
              }
            }
          }
        }
      }, "flows-follower");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5_000);
    }
  }
}
