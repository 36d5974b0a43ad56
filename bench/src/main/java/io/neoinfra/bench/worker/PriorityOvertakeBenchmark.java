package io.neoinfra.bench.worker;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A critical task published behind a backlog of 10,000 low-priority tasks that a worker is busy draining: how long
 * from its publication until the worker reports it started ({@code critical_wait_ms}), and how much of the backlog
 * was still waiting then. Low tasks are {@code validate} runs against one migrated PostgreSQL database (read-only, as
 * in a fleet-wide check); the critical one migrates a fresh database.
 *
 * <p>Arguments: {@code [backlog=10000] [concurrency=4] [repoRoot=.]}.
 */
public final class PriorityOvertakeBenchmark {

  private static final String BUNDLE = "bench/fleet-bundle";

  private PriorityOvertakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path repoRoot = Path.of(args.length > 2 ? args[2] : ".").toAbsolutePath().normalize();
    KafkaTestBroker broker = KafkaTestBroker.shared();
    LocalDatabaseServer pg = LocalDatabaseServer.postgres();
    Topics topics = new Topics("prio" + UUID.randomUUID().toString().substring(0, 8) + ".");
    List<String> all = new ArrayList<>(topics.tasksAll());
    all.add(topics.results());
    all.add(topics.deadLetters());
    broker.createTopics(4, all.toArray(String[]::new));
    Contracts contracts = new Contracts();
    Map<String, Number> metrics = new LinkedHashMap<>();

    try (TestDatabase fleet = pg.createDatabase("neo_prio_fleet");
        TestDatabase urgent = pg.createDatabase("neo_prio_urgent");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerProps());
        KafkaConsumer<String, byte[]> results = new KafkaConsumer<>(broker.consumerProps("prio-results-"
            + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer());
        MigrationWorker worker = MigrationWorker.start(WorkerSettings.builder(broker.bootstrapServers())
            .topicPrefix(topics.prefix()).groupId("prio-" + UUID.randomUUID()).bundleLocation("classpath:" + BUNDLE)
            .concurrency(concurrency).metricsPort(-1).shutdownGrace(Duration.ofSeconds(5)).build())) {
      results.subscribe(List.of(topics.results()));
      TargetConnection fleetTarget = target(fleet);
      // given: the fleet database is migrated, so that validate has work to compare
      send(producer, contracts, topics, task(fleetTarget, MigrationOperation.MIGRATE, Priority.HIGH));
      awaitSucceeded(results, contracts, 1);

      // and: the backlog of low tasks queued, and the worker busy with them
      for (int i = 0; i < backlog; i++) {
        send(producer, contracts, topics, task(fleetTarget, MigrationOperation.VALIDATE, Priority.LOW));
      }
      producer.flush();
      int lowStartedBefore = 0;
      while (lowStartedBefore < concurrency * 5) {
        lowStartedBefore += countStarted(results.poll(Duration.ofMillis(100)), contracts, null);
      }

      // when: a critical task is published behind the backlog
      MigrationTask critical = task(target(urgent), MigrationOperation.MIGRATE, Priority.CRITICAL);
      long published = System.nanoTime();
      send(producer, contracts, topics, critical);
      producer.flush();
      long startedAt = -1;
      int lowStartedWhileWaiting = 0;
      while (startedAt < 0) {
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(20))) {
          if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid
              && valid.value() instanceof TaskStarted started) {
            if (started.taskId().equals(critical.taskId())) {
              startedAt = System.nanoTime();
            } else {
              lowStartedWhileWaiting++;
            }
          }
        }
      }
      long criticalWaitMs = (startedAt - published) / 1_000_000;
      int lowStartedTotal = lowStartedBefore + lowStartedWhileWaiting;
      metrics.put("backlog_low_tasks", backlog);
      metrics.put("concurrency", concurrency);
      metrics.put("critical_wait_ms", criticalWaitMs);
      metrics.put("low_tasks_started_before_critical", lowStartedTotal);
      metrics.put("low_tasks_started_while_critical_waited", lowStartedWhileWaiting);
      metrics.put("backlog_remaining_when_critical_started", backlog - lowStartedTotal);
      metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
    }
    BenchmarkReport.of("priority-overtake", "java -cp <bench classpath> " + PriorityOvertakeBenchmark.class.getName()
        + " " + backlog + " " + concurrency, metrics).publish(repoRoot);
    System.exit(0); // the embedded broker's threads are not daemons
  }

  private static TargetConnection target(TestDatabase db) {
    return new TargetConnection(Engine.POSTGRESQL, db.host(), db.port(), db.databaseName(), null, db.username(), null);
  }

  private static MigrationTask task(TargetConnection target, MigrationOperation operation, Priority priority) {
    return new MigrationTask("t-" + UUID.randomUUID(), "e-" + UUID.randomUUID(), target.databaseName(),
        target.databaseName(), operation, Scope.TENANT, target, null, List.of(), false, 300, priority, 1,
        Instant.now());
  }

  private static void send(KafkaProducer<String, byte[]> producer, Contracts contracts, Topics topics,
      MigrationTask task) {
    producer.send(new ProducerRecord<>(topics.tasks(task.priority()), task.targetId(),
        contracts.tasks().serializer().serialize("", task)));
  }

  private static int countStarted(Iterable<ConsumerRecord<String, byte[]>> records, Contracts contracts,
      String excluded) {
    int count = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid
          && valid.value() instanceof TaskStarted started && !started.taskId().equals(excluded)) {
        count++;
      }
    }
    return count;
  }

  private static void awaitSucceeded(KafkaConsumer<String, byte[]> results, Contracts contracts, int expected) {
    int succeeded = 0;
    while (succeeded < expected) {
      for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(100))) {
        if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid
            && valid.value() instanceof TaskSucceeded) {
          succeeded++;
        }
      }
    }
  }
}
