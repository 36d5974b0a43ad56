package io.neoinfra.bench.platform;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.bench.worker.FleetBenchmark;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A critical lifecycle event while the platform is busy with a backlog of low-priority tasks: how long from the event's
 * publication until a worker starts its task ({@code critical_wait_ms}). Everything runs as in production, each
 * service its own JVM: the backlog is {@code backlog} low-priority {@code migration.requested} events ({@code
 * validate} of one migrated PostgreSQL database, as in a fleet-wide check), which the processor turns into as many
 * queued low-priority tasks; once they are all on the task topic and the worker is busy with them, a new tenant's
 * database is registered ({@code database.created}, auto-migrate) on the critical lifecycle topic. Its migrate task
 * has to pass the processor and then overtake the queued low tasks in the worker.
 *
 * <p>The wait splits into {@code critical_dispatch_ms} (event published → its task on the critical task topic, by the
 * record's timestamp) and the rest (task written → worker started it). {@code backlog_remaining_when_critical_started}
 * shows that the backlog was still there.
 *
 * <p>Arguments: {@code [backlog=10000] [workerConcurrency=4]}.
 */
public final class PriorityOvertakeBenchmark {

  private PriorityOvertakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    Map<String, Number> metrics;
    try (Platform platform = Platform.start(PlatformSettings.of(repoRoot, 1, concurrency, false))) {
      metrics = measure(platform, LocalDatabaseServer.postgres(), backlog);
    }
    BenchmarkReport.of("priority-overtake", "./neo bench priority-overtake " + String.join(" ", args), metrics)
        .publish(repoRoot);
    System.exit(0);
  }

  static Map<String, Number> measure(Platform platform, LocalDatabaseServer postgres, int backlog) throws Exception {
    Topics topics = platform.topics();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String fleetId = "prio-fleet-" + run;
    String urgentId = "prio-urgent-" + run;
    try (TestDatabase fleet = postgres.createDatabase("neo_prio_fleet");
        TestDatabase urgent = postgres.createDatabase("neo_prio_urgent");
        LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
            .bootstrapServers(platform.bootstrapServers()).source(URI.create("/bench/priority-overtake")).load();
        ResultWatch watch = new ResultWatch(platform.bootstrapServers(), topics, urgentId)) {
      // given: the fleet database registered and migrated, so that validate has a history to check
      publisher.databaseCreated(connection(fleetId, fleet), Priority.HIGH).get();
      try (KafkaConsumer<String, byte[]> results = watch.consumer()) {
        results.subscribe(List.of(topics.results()));
        EventLatencyBenchmark.awaitMigrated(platform, results, new Contracts(), fleetId);
      }

      // and: the backlog, as low-priority lifecycle events that the processor turns into queued low tasks
      for (int i = 0; i < backlog; i++) {
        publisher.migrationRequested(new MigrationRequested("low-" + run + "-" + i, Scope.TENANT, List.of(),
            List.of(fleetId), null, false, Priority.LOW, true, null, MigrationOperation.VALIDATE, null, "bench",
            TriggeredBy.EVENT), Priority.LOW);
      }
      publisher.flush();
      long queuedBy = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (recordsOn(platform.admin(), topics.tasks(Priority.LOW)) < backlog || watch.lowStarted() < 20) {
        platform.requireAlive();
        if (System.nanoTime() > queuedBy) {
          throw new IllegalStateException("the backlog was not queued within 5 minutes: "
              + recordsOn(platform.admin(), topics.tasks(Priority.LOW)) + " low tasks on the topic");
        }
        Thread.sleep(50); // the watch's thread collects the starts
      }

      // when: a new tenant's database is registered with critical priority
      int lowStartedBefore = watch.lowStarted();
      Instant published = Instant.now();
      publisher.databaseCreated(connection(urgentId, urgent), Priority.CRITICAL).get();
      Instant started = watch.awaitCriticalStart(platform);
      int lowStartedBy = watch.lowStarted();

      Map<String, Number> metrics = new LinkedHashMap<>();
      metrics.put("backlog_low_tasks", backlog);
      metrics.put("worker_concurrency", platform.settings().workerConcurrency());
      metrics.put("critical_wait_ms", Duration.between(published, started).toMillis());
      metrics.put("critical_dispatch_ms", Duration.between(published, watch.criticalTaskWritten(platform)).toMillis());
      metrics.put("low_tasks_started_while_critical_waited", lowStartedBy - lowStartedBefore);
      metrics.put("backlog_remaining_when_critical_started", backlog - lowStartedBy);
      metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
      return metrics;
    }
  }

  private static DatabaseConnection connection(String databaseId, TestDatabase db) {
    return new DatabaseConnection(databaseId, db.databaseName(), ConnectionType.DEDICATED, null, Engine.POSTGRESQL,
        db.host(), db.port(), db.username(), null, true, null, null);
  }

  /** Records on every partition of {@code topic} (end offsets: the topic is new in this run). */
  private static long recordsOn(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
        .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(ends).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  /** Reads the results topic on a thread of its own: low starts counted, the critical start noted. */
  private static final class ResultWatch implements AutoCloseable {
    private final Contracts contracts = new Contracts();
    private final String bootstrap;
    private final Topics topics;
    private final String urgentId;
    private final AtomicInteger lowStarted = new AtomicInteger();
    private final AtomicReference<Instant> criticalStarted = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    ResultWatch(String bootstrap, Topics topics, String urgentId) {
      this.bootstrap = bootstrap;
      this.topics = topics;
      this.urgentId = urgentId;
      this.thread = new Thread(this::collect, "bench-priority-results");
      thread.start();
    }

    private void collect() {
      try (KafkaConsumer<String, byte[]> results = consumer()) {
        results.subscribe(List.of(topics.results()));
        while (!stop) {
          for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(50))) {
            if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid) {
              note(valid.value());
            }
          }
        }
      }
    }

    private void note(TaskResult result) {
      if (result instanceof TaskStarted started) {
        if (started.targetId().equals(urgentId)) {
          criticalStarted.compareAndSet(null, started.at()); // the worker's own clock, as it took the task
        } else if (started.executionId().startsWith("low-")) {
          lowStarted.incrementAndGet();
        }
      }
    }

    int lowStarted() {
      return lowStarted.get();
    }

    Instant awaitCriticalStart(Platform platform) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (criticalStarted.get() == null) {
        platform.requireAlive();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the critical task did not start within 5 minutes");
        }
        Thread.sleep(20); // the collecting thread does the reading
      }
      return criticalStarted.get();
    }

    /** When the processor wrote the critical task: the first record's timestamp on the critical task topic. */
    Instant criticalTaskWritten(Platform platform) throws InterruptedException {
      try (KafkaConsumer<String, byte[]> tasks = consumer()) {
        tasks.subscribe(List.of(topics.tasks(Priority.CRITICAL)));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : tasks.poll(Duration.ofMillis(200))) {
            if (record.key() != null && record.key().startsWith(urgentId)) {
              return Instant.ofEpochMilli(record.timestamp());
            }
          }
          platform.requireAlive();
        }
      }
      throw new IllegalStateException("no critical task for " + urgentId + " on " + topics.tasks(Priority.CRITICAL));
    }

    KafkaConsumer<String, byte[]> consumer() {
      return new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.GROUP_ID_CONFIG, "bench-priority-" + UUID.randomUUID(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
          new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join();
    }
  }
}
