package io.neoinfra.bench.platform;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.bench.worker.FleetBenchmark;
import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) of each service process (broker, processor, worker,
 * gateway), with default JVM settings unless {@code NEO_BENCH_SERVICE_JAVA_OPTS} says otherwise. At rest: after
 * start-up and a 20-target warm-up migration, then 10 s idle. Under load: the peak while a fleet of N tenant schemas
 * is migrated end to end through the gateway and 4 clients read the status and execution list endpoints without
 * pause.
 *
 * <p>Arguments: {@code [targets=1000] [workerConcurrency=8]}.
 */
public final class MemoryBenchmark {

  private static final int READERS = 4;

  private MemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    Map<String, Number> metrics;
    try (Platform platform = Platform.start(PlatformSettings.of(repoRoot, 1, concurrency, true))) {
      metrics = measure(platform, LocalDatabaseServer.postgres(), targets);
    }
    BenchmarkReport.of("memory", "./neo bench memory " + String.join(" ", args), metrics).publish(repoRoot);
    System.exit(0);
  }

  public static Map<String, Number> measure(Platform platform, LocalDatabaseServer postgres, int targets)
      throws Exception {
    try (TenantFleet warm = TenantFleet.register(platform, postgres, "memory_warm", Math.min(20, targets))) {
      FleetE2eBenchmark.require(warm, warm.migrate());
    }
    Thread.sleep(10_000); // at rest: nothing asked of the platform for 10 s
    Map<String, Double> atRest = new LinkedHashMap<>();
    platform.services().forEach(s -> atRest.put(s.name(), s.rssMb()));

    Map<String, Double> peak = new ConcurrentHashMap<>(atRest);
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    ExecutorService load = Executors.newFixedThreadPool(READERS + 1);
    try (TenantFleet fleet = TenantFleet.register(platform, postgres, "memory", targets)) {
      load.submit(() -> {
        while (loading.get()) {
          platform.services().forEach(s -> peak.merge(s.name(), s.rssMb(), Math::max));
          sleep(500);
        }
      });
      for (int i = 0; i < READERS; i++) {
        String path = i % 2 == 0 ? "/api/v1/migrations/status" : "/api/v1/migrations/executions?limit=20";
        load.submit(() -> {
          while (loading.get()) {
            platform.gateway().get(path);
            reads.incrementAndGet();
          }
        });
      }
      TenantFleet.Outcome outcome = fleet.migrate();
      loading.set(false);
      FleetE2eBenchmark.require(fleet, outcome);
      System.out.printf("under load: %d targets migrated in %d ms while %d reads were answered%n", targets,
          outcome.millis(), reads.get());
    } finally {
      loading.set(false);
      load.shutdown();
      load.awaitTermination(1, TimeUnit.MINUTES);
    }
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("load_targets", targets);
    metrics.put("load_reads", reads.get());
    for (String service : atRest.keySet()) {
      metrics.put("rss_mb_" + service.replace('-', '_') + "_at_rest", atRest.get(service));
      metrics.put("rss_mb_" + service.replace('-', '_') + "_under_load", peak.get(service));
    }
    metrics.put("rss_mb_total_at_rest", atRest.values().stream().mapToDouble(Double::doubleValue).sum());
    metrics.put("rss_mb_total_under_load", peak.values().stream().mapToDouble(Double::doubleValue).sum());
    metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
    return metrics;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis); // the RSS sampling period
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
