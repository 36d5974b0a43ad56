package io.neoinfra.harness.platform;

import io.neoinfra.harness.process.ServiceClasspath;
import io.neoinfra.processor.ProcessorSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * How the harness runs the platform. Two starting points: {@link #of} (the benchmarks: every service as deployed, from
 * its own module's launcher classpath) and {@link #forFaultInjection} (the reliability tests: short timeouts and retry
 * tiers, so that a fault is detected and recovered in seconds, and small heaps for a shared machine).
 *
 * @param dataDir broker data, processor state and the OIDC signing key of this run (created if missing)
 * @param keepData whether {@link Platform#close()} leaves {@code dataDir} in place (a fault test keeps it next to the
 *     logs; a benchmark's temporary directory is deleted)
 * @param logDir where each service writes {@code <name>.log}
 * @param classpath where each service JVM finds its classes
 * @param workers worker processes (one consumer group), ≥ 1
 * @param workerConcurrency task slots per worker ({@code NEO_WORKER_CONCURRENCY}), 1..256
 * @param workerBundle the workers' migration bundle ({@code NEO_WORKER_BUNDLE}: {@code classpath:…} or
 *     {@code filesystem:…}); both bundles used here have versions 1..5 under {@code tenant/}
 * @param gateway whether to start the REST gateway (and the OIDC issuer whose tokens it accepts)
 * @param rateLimit the gateway's per-principal rate limit
 * @param partitions partitions of the platform's topics (created before the processor starts)
 * @param serviceJvmOptions JVM options of every service process
 * @param maxHeapMb {@code -Xmx} per kind of service, in MiB; a kind not in the map gets the JVM's default
 * @param processorOptions further {@code neo.processor.*} settings, as {@code ProcessorMain} arguments without the
 *     prefix ({@code retry-tiers=1s,2s}); empty: the processor's defaults
 * @param workerEnvironment further {@code NEO_WORKER_*} variables; empty: the worker's defaults
 */
public record PlatformSettings(Path dataDir, boolean keepData, Path logDir, ServiceClasspath classpath, int workers,
    int workerConcurrency, String workerBundle, boolean gateway, RateLimit rateLimit, int partitions,
    List<String> serviceJvmOptions, Map<ServiceRole, Integer> maxHeapMb, Map<String, String> processorOptions,
    Map<String, String> workerEnvironment) {

  /** The bench module's fleet bundle (V1..V5 with their undo scripts), which every platform benchmark migrates. */
  public static final String BUNDLE_DIR = "bench/src/main/resources/bench/fleet-bundle";

  public PlatformSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(workerBundle, "workerBundle");
    Objects.requireNonNull(rateLimit, "rateLimit");
    List<String> problems = new ArrayList<>();
    if (workers < 1) {
      problems.add("workers must be at least 1, is " + workers);
    }
    if (workerConcurrency < 1 || workerConcurrency > 256) {
      problems.add("workerConcurrency must be within 1..256, is " + workerConcurrency);
    }
    if (partitions < 1) {
      problems.add("partitions must be at least 1, is " + partitions);
    }
    maxHeapMb.forEach((role, mb) -> {
      if (mb < 64) {
        problems.add("maxHeapMb of " + role + " must be at least 64, is " + mb);
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid platform settings: " + String.join("; ", problems));
    }
    serviceJvmOptions = List.copyOf(serviceJvmOptions);
    maxHeapMb = Map.copyOf(maxHeapMb);
    // insertion order kept: the options become command-line arguments in this order
    processorOptions = Collections.unmodifiableMap(new LinkedHashMap<>(processorOptions));
    workerEnvironment = Map.copyOf(workerEnvironment);
  }

  /**
   * The benchmarks' platform: the checkout at {@code repoRoot} (whose modules were built with {@code -Plauncher}, as
   * {@code ./neo bench} does), every service from its own module's classpath with the deployed defaults, the bench's
   * fleet bundle, an unbounded rate limit, no worker metrics endpoint, service JVM options from
   * {@code NEO_BENCH_SERVICE_JAVA_OPTS} (space-separated, e.g. {@code -Xmx512m}; default none), logs under
   * {@code bench/target/platform-logs/<start time>/}, data in a temporary directory deleted on close.
   */
  public static PlatformSettings of(Path repoRoot, int workers, int workerConcurrency, boolean gateway) {
    Path root = repoRoot.toAbsolutePath().normalize();
    String options = System.getenv("NEO_BENCH_SERVICE_JAVA_OPTS");
    return new PlatformSettings(
        Path.of(System.getProperty("java.io.tmpdir"), "neo-bench-platform-" + UUID.randomUUID()), false,
        root.resolve("bench/target/platform-logs").resolve(Instant.now().toString().replace(':', '-')),
        new ServiceClasspath.Modules(root), workers, workerConcurrency, "filesystem:" + root.resolve(BUNDLE_DIR),
        gateway, RateLimit.UNBOUNDED, ProcessorSettings.defaults("").partitions(),
        options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+")), Map.of(), Map.of(),
        Map.of("NEO_WORKER_METRICS_PORT", "-1"));
  }

  /**
   * The reliability tests' platform, everything kept under {@code dataDir} (logs in {@code dataDir/logs}): every
   * service on this JVM's classpath, 2 workers x 4 slots, the dev stack's demo bundle, 3 partitions, the gateway with
   * its stock rate limit; retry tiers {@code 1s,2s,5s} and 30 attempts (a 60 s outage must not exhaust them), task
   * timeout 60 s + 15 s grace, views every 500 ms, processor and worker session timeouts 6 s (a killed member's
   * partitions move in seconds), worker connection timeout 15 s and circuit open 5 s; serial GC and small heaps, full
   * collections compacting completely (so that {@link io.neoinfra.harness.process.ServiceProcess#liveHeapBytes()}
   * counts no dead space).
   */
  public static PlatformSettings forFaultInjection(Path dataDir) {
    Map<String, String> processor = new LinkedHashMap<>();
    processor.put("retry-tiers", "1s,2s,5s");
    processor.put("max-attempts", "30");
    processor.put("default-migration-timeout", "60s");
    processor.put("deadline-grace", "15s");
    processor.put("view-emit-interval", "500ms");
    // a killed processor's partitions move after seconds, not the default 45 s
    processor.put("streams.session.timeout.ms", "6000");
    processor.put("streams.heartbeat.interval.ms", "1500");
    return new PlatformSettings(dataDir, true, dataDir.resolve("logs"), ServiceClasspath.Shared.current(), 2, 4,
        "classpath:demo-bundle", true, RateLimit.STOCK, 3,
        // two shared cores: a parallel collector per JVM would only fight for them
        List.of("-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0"),
        Map.of(ServiceRole.BROKER, 768, ServiceRole.PROCESSOR, 512, ServiceRole.WORKER, 384, ServiceRole.GATEWAY, 512),
        processor, Map.of(
            "NEO_WORKER_METRICS_PORT", "0",
            "NEO_WORKER_SESSION_TIMEOUT_MS", "6000",
            // generous: on a loaded machine a PostgreSQL login alone can take seconds, and a pool timeout counts as a
            // refused connection (retries, then an open circuit) that has nothing to do with the fault under test
            "NEO_WORKER_CONNECTION_TIMEOUT_MS", "15000",
            "NEO_WORKER_CIRCUIT_OPEN_SECONDS", "5"));
  }

  /**
   * A fresh directory for one run under {@code target/platform-runs/} (kept after the run: the services' logs are the
   * first thing to read when a fault test fails; {@code mvn clean} removes them).
   */
  public static Path runDirectory(String name) {
    return Path.of("target", "platform-runs", name + "-" + System.currentTimeMillis()).toAbsolutePath();
  }

  public PlatformSettings withWorkers(int value) {
    return new PlatformSettings(dataDir, keepData, logDir, classpath, value, workerConcurrency, workerBundle, gateway,
        rateLimit, partitions, serviceJvmOptions, maxHeapMb, processorOptions, workerEnvironment);
  }

  public PlatformSettings withRateLimit(RateLimit value) {
    return new PlatformSettings(dataDir, keepData, logDir, classpath, workers, workerConcurrency, workerBundle, gateway,
        value, partitions, serviceJvmOptions, maxHeapMb, processorOptions, workerEnvironment);
  }

  public PlatformSettings withClasspath(ServiceClasspath value) {
    return new PlatformSettings(dataDir, keepData, logDir, value, workers, workerConcurrency, workerBundle, gateway,
        rateLimit, partitions, serviceJvmOptions, maxHeapMb, processorOptions, workerEnvironment);
  }

  /** Every service on this JVM's classpath instead of its module's own (a test build has no launcher profile). */
  public PlatformSettings inheritingClasspath() {
    return withClasspath(ServiceClasspath.Shared.current());
  }

  /** Task slots across all workers: the parallelism the JDBC floor is given. */
  public int totalSlots() {
    return workers * workerConcurrency;
  }
}
