package io.neoinfra.reliability.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The platform the reliability harness starts: one Kafka node, the processor, {@code workers} workers and the gateway,
 * each its own JVM, on free loopback ports.
 *
 * @param dataDir broker data, processor state and logs of this run
 * @param classpath the {@code -cp} of every service JVM (this module's classpath holds them all)
 * @param workers worker replicas (default 2, so that one can die while the other goes on)
 * @param workerConcurrency tasks each worker runs at once (default 4)
 * @param partitions partitions of the platform's topics (default 3)
 * @param retryTiers the processor's retry tiers (default {@code 1s,2s,5s}: short, so a test waits seconds, not minutes)
 * @param maxAttempts attempts per task (default 30: a 60 s outage must not exhaust them at the 5 s tier)
 * @param rateLimited the gateway's rate limit (default on; the fuzz test turns it off so that requests reach handlers)
 */
public record PlatformSettings(Path dataDir, String classpath, int workers, int workerConcurrency, int partitions,
    String retryTiers, int maxAttempts, boolean rateLimited) {

  public PlatformSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(retryTiers, "retryTiers");
    List<String> problems = new ArrayList<>();
    if (workers < 1) {
      problems.add("workers must be at least 1, is " + workers);
    }
    if (workerConcurrency < 1) {
      problems.add("workerConcurrency must be at least 1, is " + workerConcurrency);
    }
    if (partitions < 1) {
      problems.add("partitions must be at least 1, is " + partitions);
    }
    if (maxAttempts < 1) {
      problems.add("maxAttempts must be at least 1, is " + maxAttempts);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid platform settings: " + String.join("; ", problems));
    }
  }

  public static PlatformSettings defaults(Path dataDir) {
    return new PlatformSettings(dataDir, currentClasspath(), 2, 4, 3, "1s,2s,5s", 30, true);
  }

  public PlatformSettings withWorkers(int value) {
    return new PlatformSettings(dataDir, classpath, value, workerConcurrency, partitions, retryTiers, maxAttempts,
        rateLimited);
  }

  public PlatformSettings withRateLimit(boolean value) {
    return new PlatformSettings(dataDir, classpath, workers, workerConcurrency, partitions, retryTiers, maxAttempts,
        value);
  }

  /**
   * A fresh directory for one run under {@code target/reliability/} (kept after the run: the services' logs are the
   * first thing to read when a fault test fails; {@code mvn clean} removes them).
   */
  public static Path runDirectory(String name) {
    return Path.of("target", "reliability", name + "-" + System.currentTimeMillis()).toAbsolutePath();
  }

  /**
   * This JVM's classpath: under Surefire/Failsafe the real one is in {@code surefire.test.class.path} (the JVM's own
   * may be a manifest-only jar).
   */
  public static String currentClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
