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
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * From a lifecycle event published (with the event-producer library, as another service would) to the worker
 * starting its task: the worker's own {@code TaskStarted.at} on the results topic, which it writes as it takes the
 * task and before it touches the database (no hook in the worker). The events are {@code migration.requested} for
 * one registered PostgreSQL database, {@code operation: validate} and {@code force_execution} (so that they do not
 * reject each other as overlapping): the worker's share is a short read-only Flyway validate, and the figure is
 * the platform's dispatch path (lifecycle topic → processor → task topic → worker), not migration time.
 *
 * <p>Steady: {@code events} at {@code rate} per second, p50/p99/max. Burst: {@code burst} published at once, p99
 * (it includes the queueing behind the burst: the last task starts when the ones before it are done).
 *
 * <p>The default rate, 20 events a second, is below what the whole platform sustains on one 2-core machine: at 50 a
 * second the worker (a Flyway validate each, ~17 ms of CPU), the broker, the processor, PostgreSQL and this JVM
 * together used both cores (top: 84 + 40 + 34 + 12 + 25 %), so the steady figures measured queueing, not dispatch. The
 * burst shows the throughput.
 *
 * <p>Arguments: {@code [events=1000] [rate=20] [burst=10000] [workerConcurrency=4]}.
 */
public final class EventLatencyBenchmark {

  private static final int WARM_UP = 50;

  private EventLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int burst = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    Map<String, Number> metrics;
    try (Platform platform = Platform.start(PlatformSettings.of(repoRoot, 1, concurrency, false))) {
      metrics = measure(platform, LocalDatabaseServer.postgres(), events, rate, burst);
    }
    BenchmarkReport.of("event-latency", "./neo bench event-latency " + String.join(" ", args), metrics)
        .publish(repoRoot);
    System.exit(0);
  }

  public static Map<String, Number> measure(Platform platform, LocalDatabaseServer postgres, int events, int rate,
      int burst) throws Exception {
    Contracts contracts = new Contracts();
    Topics topics = Topics.withDefaultPrefix();
    Map<String, Instant> started = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    String databaseId = "latency-" + UUID.randomUUID().toString().substring(0, 8);
    try (TestDatabase target = postgres.createDatabase("neo_latency");
        LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
            .bootstrapServers(platform.bootstrapServers()).source(URI.create("/bench/event-latency")).load();
        KafkaConsumer<String, byte[]> results = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new ByteArrayDeserializer())) {
      results.subscribe(List.of(topics.results()));
      // given: the database registered and auto-migrated, so that validate has a history to check
      publisher.databaseCreated(new DatabaseConnection(databaseId, target.databaseName(), ConnectionType.DEDICATED,
          null, Engine.POSTGRESQL, target.host(), target.port(), target.username(), null, true, null, null),
          Priority.HIGH).get();
      awaitMigrated(platform, results, contracts, databaseId);

      Thread collector = new Thread(() -> {
        while (!stop.get()) {
          for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(100))) {
            if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid
                && valid.value() instanceof TaskStarted s) {
              started.putIfAbsent(s.executionId(), s.at());
            }
          }
        }
      }, "bench-latency-collector");
      collector.start();
      try {
        latencies(platform, publisher, databaseId, started, WARM_UP, rate); // JIT, pools, first fetches
        double[] steady = latencies(platform, publisher, databaseId, started, events, rate);
        double[] peak = latencies(platform, publisher, databaseId, started, burst, 0);
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("events", events);
        metrics.put("rate_per_second", rate);
        metrics.put("p50_ms", percentile(steady, 50));
        metrics.put("p99_ms", percentile(steady, 99));
        metrics.put("max_ms", steady[steady.length - 1]);
        metrics.put("burst_events", burst);
        metrics.put("burst_p50_ms", percentile(peak, 50));
        metrics.put("burst_p99_ms", percentile(peak, 99));
        metrics.put("burst_max_ms", peak[peak.length - 1]);
        metrics.put("worker_concurrency", platform.settings().workerConcurrency());
        metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
        return metrics;
      } finally {
        stop.set(true);
        collector.join();
      }
    }
  }

  /**
   * Publishes {@code count} requests ({@code rate} per second, or all at once when 0) and waits for each one's task
   * start; returns the latencies in ms, sorted.
   */
  private static double[] latencies(Platform platform, LifecycleEventPublisher publisher, String databaseId,
      Map<String, Instant> started, int count, int rate) throws Exception {
    Map<String, Instant> published = new LinkedHashMap<>();
    long period = rate > 0 ? 1_000_000_000L / rate : 0;
    long begin = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (period > 0) {
        long due = begin + i * period;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime()); // the steady rate's clock
        }
      }
      String executionId = "lat-" + UUID.randomUUID();
      published.put(executionId, Instant.now());
      publisher.migrationRequested(new MigrationRequested(executionId, Scope.TENANT, List.of(), List.of(databaseId),
          null, false, Priority.NORMAL, true, null, MigrationOperation.VALIDATE, null, "bench", TriggeredBy.EVENT),
          Priority.NORMAL);
    }
    publisher.flush();
    long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (!started.keySet().containsAll(published.keySet())) {
      platform.requireAlive();
      if (System.nanoTime() > deadline) {
        long missing = published.keySet().stream().filter(id -> !started.containsKey(id)).count();
        throw new IllegalStateException(missing + " of " + count + " tasks never started");
      }
      Thread.sleep(100); // waiting on the collector thread
    }
    List<Double> millis = new ArrayList<>(count);
    published.forEach((id, at) -> millis.add(Duration.between(at, started.get(id)).toNanos() / 1_000_000.0));
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  static void awaitMigrated(Platform platform, KafkaConsumer<String, byte[]> results, Contracts contracts,
      String databaseId) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
        if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid
            && valid.value() instanceof TaskSucceeded s && s.targetId().equals(databaseId)) {
          return;
        }
      }
      platform.requireAlive();
    }
    throw new IllegalStateException("the auto-migration of " + databaseId + " did not succeed within 5 minutes");
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
