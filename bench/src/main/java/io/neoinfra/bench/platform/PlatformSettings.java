package io.neoinfra.bench.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the platform benchmarks run the platform: which checkout (its modules' {@code target/classpath.txt}), how many
 * workers with how many task slots each, and whether the gateway runs (the event-latency benchmark publishes events
 * with the library and needs no gateway).
 *
 * @param repoRoot the checkout whose modules were built with {@code -Plauncher}
 * @param workers worker processes (one consumer group), ≥ 1
 * @param workerConcurrency task slots per worker ({@code NEO_WORKER_CONCURRENCY}), 1..256
 * @param gateway whether to start the REST gateway
 * @param serviceJvmOptions JVM options for every service process (e.g. {@code -Xmx512m}); from
 *     {@code NEO_BENCH_SERVICE_JAVA_OPTS}, space-separated
 * @param inheritClasspath run every service on this JVM's classpath instead of its module's own
 *     {@code target/classpath.txt} (the smoke test, whose build has no launcher profile); benchmarks never do
 */
public record PlatformSettings(Path repoRoot, int workers, int workerConcurrency, boolean gateway,
    List<String> serviceJvmOptions, boolean inheritClasspath) {

  /** The fleet bundle (V1..V5 with their undo scripts) that every platform benchmark migrates tenant schemas with. */
  public static final String BUNDLE_DIR = "bench/src/main/resources/bench/fleet-bundle";

  public PlatformSettings {
    Objects.requireNonNull(repoRoot, "repoRoot");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, is " + workers);
    }
    if (workerConcurrency < 1 || workerConcurrency > 256) {
      throw new IllegalArgumentException("worker concurrency must be within 1..256, is " + workerConcurrency);
    }
    serviceJvmOptions = List.copyOf(serviceJvmOptions);
  }

  public static PlatformSettings of(Path repoRoot, int workers, int workerConcurrency, boolean gateway) {
    String options = System.getenv("NEO_BENCH_SERVICE_JAVA_OPTS");
    return new PlatformSettings(repoRoot.toAbsolutePath().normalize(), workers, workerConcurrency, gateway,
        options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+")), false);
  }

  public PlatformSettings inheritingClasspath() {
    return new PlatformSettings(repoRoot, workers, workerConcurrency, gateway, serviceJvmOptions, true);
  }

  /** Task slots across all workers: the parallelism the JDBC floor is given. */
  public int totalSlots() {
    return workers * workerConcurrency;
  }
}
