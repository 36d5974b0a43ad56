package io.neoinfra.worker;

import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One test's worker on the embedded broker: its own topic prefix and group, a reader of its results and dead letters,
 * and helpers to build and publish tasks.
 */
final class WorkerFixture implements AutoCloseable {

  /** The workers' private keyset; producers in these tests seal with its public half only. */
  static final PrivateKeyset KEYS = PrivateKeyset.generate();
  static final CredentialSealer SEALER = new CredentialSealer(KEYS.publicKeyset());

  final KafkaTestBroker broker = KafkaTestBroker.shared();
  final Topics topics;
  final Contracts contracts = new Contracts();
  final KafkaProducer<String, byte[]> producer;
  final List<TaskResult> results = new CopyOnWriteArrayList<>();
  final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile boolean reading = true;
  MigrationWorker worker;

  private WorkerFixture(String prefix) {
    this.topics = new Topics(prefix);
    List<String> all = new ArrayList<>(topics.tasksAll());
    all.add(topics.results());
    all.add(topics.deadLetters());
    all.add(topics.healthRequests());
    all.add(topics.healthResults());
    broker.createTopics(2, all.toArray(String[]::new));
    producer = new KafkaProducer<>(broker.producerProps());
    reader = new Thread(this::read, "fixture-results-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Topics and a results reader, no worker yet. */
  static WorkerFixture withoutWorker() {
    return new WorkerFixture(KafkaTestBroker.uniqueName("t").replace("-", "") + ".");
  }

  static WorkerFixture start(String bundle, UnaryOperator<WorkerSettings.Builder> customize) {
    WorkerFixture fixture = withoutWorker();
    fixture.worker = MigrationWorker.start(customize.apply(fixture.settings(bundle)).build());
    return fixture;
  }

  WorkerSettings.Builder settings(String bundle) {
    return WorkerSettings.builder(broker.bootstrapServers())
        .topicPrefix(topics.prefix())
        .groupId(KafkaTestBroker.uniqueName("workers"))
        .bundleLocation(bundle)
        .privateKeyset(KEYS)
        .metricsPort(0)
        // H2 targets (in memory) are part of these tests; deployments leave them off.
        .embeddedEngines(true)
        // This machine is shared and often overloaded; a first connection can take seconds.
        .connectionTimeout(Duration.ofSeconds(20))
        .shutdownGrace(Duration.ofSeconds(10));
  }

  private void read() {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        broker.consumerProps(KafkaTestBroker.uniqueName("reader")),
        new org.apache.kafka.common.serialization.StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.results(), topics.deadLetters()));
      while (reading) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.topic().equals(topics.deadLetters())) {
            deadLetters.add(record);
          } else if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid) {
            results.add(valid.value());
          }
        }
      }
    }
  }

  void publish(MigrationTask task) {
    publishRaw(task.priority(), task.targetId(), contracts.tasks().serializer().serialize("", task));
  }

  /** Sends without waiting for each record, then flushes: for backlogs of thousands. */
  void publishAll(List<MigrationTask> tasks) {
    for (MigrationTask task : tasks) {
      producer.send(new ProducerRecord<>(topics.tasks(task.priority()), task.targetId(),
          contracts.tasks().serializer().serialize("", task)));
    }
    producer.flush();
  }

  void publishRaw(Priority priority, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topics.tasks(priority), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The final result (succeeded or failed) of a task, waiting for it. */
  TaskResult awaitOutcome(String taskId) {
    return await().atMost(Duration.ofSeconds(120)).until(() -> outcome(taskId), r -> r != null);
  }

  TaskSucceeded awaitSuccess(String taskId) {
    TaskResult result = awaitOutcome(taskId);
    if (result instanceof TaskSucceeded succeeded) {
      return succeeded;
    }
    throw new AssertionError("task " + taskId + " failed: " + result);
  }

  TaskFailed awaitFailure(String taskId) {
    TaskResult result = awaitOutcome(taskId);
    if (result instanceof TaskFailed failed) {
      return failed;
    }
    throw new AssertionError("task " + taskId + " succeeded: " + result);
  }

  TaskResult outcome(String taskId) {
    return results.stream()
        .filter(r -> r.taskId().equals(taskId) && (r instanceof TaskSucceeded || r instanceof TaskFailed))
        .reduce((first, second) -> second).orElse(null);
  }

  List<TaskResult> resultsOf(String taskId) {
    return results.stream().filter(r -> r.taskId().equals(taskId)).toList();
  }

  /** An in-memory H2 database that lives as long as the worker's JVM. */
  static TargetConnection h2(String name) {
    return new TargetConnection(Engine.H2, null, null, name, null, "sa", null);
  }

  static TargetConnection connectionTo(TestDatabase db) {
    Engine engine = "postgresql".equals(db.engine()) ? Engine.POSTGRESQL : Engine.MARIADB;
    return new TargetConnection(engine, db.host(), db.port(), db.databaseName(), db.schema(), db.username(),
        db.password() == null || db.password().isEmpty() ? null : SEALER.seal(db.password()));
  }

  static Task task(TargetConnection connection) {
    return new Task(connection);
  }

  /** A fluent MigrationTask for tests: migrate to latest, normal priority, 60 s timeout unless told otherwise. */
  static final class Task {
    private final TargetConnection connection;
    private final String id = "task-" + UUID.randomUUID();
    private String executionId = "exec-" + UUID.randomUUID();
    private MigrationOperation operation = MigrationOperation.MIGRATE;
    private Scope scope = Scope.TENANT;
    private String targetVersion;
    private List<String> undo = List.of();
    private boolean dryRun;
    private int timeout = 60;
    private Priority priority = Priority.NORMAL;

    Task(TargetConnection connection) {
      this.connection = connection;
    }

    Task operation(MigrationOperation value) { operation = value; return this; }

    Task scope(Scope value) { scope = value; return this; }

    Task targetVersion(String value) { targetVersion = value; return this; }

    Task undo(String... versions) { operation = MigrationOperation.UNDO; undo = List.of(versions); return this; }

    Task dryRun() { dryRun = true; return this; }

    Task timeoutSeconds(int value) { timeout = value; return this; }

    Task priority(Priority value) { priority = value; return this; }

    Task execution(String value) { executionId = value; return this; }

    MigrationTask build() {
      return new MigrationTask(id, executionId, "target-" + (connection.schema() == null ? connection.databaseName()
          : connection.databaseName() + "." + connection.schema()), "db-" + connection.databaseName().hashCode(),
          operation, scope, connection, targetVersion, undo, dryRun, timeout, priority, 1, Instant.now());
    }
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
    reading = false;
    producer.close(Duration.ofSeconds(5));
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
