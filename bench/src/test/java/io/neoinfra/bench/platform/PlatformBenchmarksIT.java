package io.neoinfra.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform benchmarks at tiny scale on one platform (broker, processor, worker and gateway as processes of their
 * own, on this build's classpath), so that they keep working: each reports the figures its JSON promises, every
 * target really migrated or rolled back. No timing is asserted: the figures belong to {@code bench/run-all}.
 */
class PlatformBenchmarksIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  private static Platform platform;

  @BeforeAll
  static void startPlatform() throws Exception {
    // failsafe runs in bench/: the checkout is its parent (the worker reads the fleet bundle from there)
    platform = Platform.start(PlatformSettings.of(Path.of("..").toAbsolutePath().normalize(), 1, 2, true)
        .inheritingClasspath());
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void fleetEndToEndMigratesEveryTargetThroughTheGatewayAndComparesWithBothBaselines() throws Exception {
    Map<String, Number> metrics = FleetE2eBenchmark.measure(platform, POSTGRES,
        new FleetE2eBenchmark.Settings(3, List.of(2), 2));

    assertThat(metrics.get("targets")).isEqualTo(3);
    assertThat(metrics).containsKeys("speedup_vs_sequential_flyway", "slowdown_vs_jdbc_floor",
        "seconds_per_target_at_2", "seconds_per_target_at_3", "sequential_flyway_ms", "jdbc_floor_ms");
  }

  @Test
  void rollbackUndoesEveryTargetItMigratedInEachRound() throws Exception {
    Map<String, Number> metrics = RollbackBenchmark.measure(platform, POSTGRES, 3, 2);

    assertThat(metrics.get("rounds")).isEqualTo(2);
    assertThat(metrics.get("success_rate").doubleValue()).isEqualTo(1.0);
    assertThat(metrics.get("failures")).isEqualTo(0);
    assertThat(metrics).containsKey("seconds");
  }

  @Test
  void eventLatencySeesTheWorkerStartATaskForEveryPublishedEvent() throws Exception {
    Map<String, Number> metrics = EventLatencyBenchmark.measure(platform, POSTGRES, 10, 20, 20);

    assertThat(metrics.get("events")).isEqualTo(10);
    assertThat(metrics.get("p50_ms").doubleValue()).isLessThanOrEqualTo(metrics.get("p99_ms").doubleValue());
    assertThat(metrics.get("p99_ms").doubleValue()).isLessThanOrEqualTo(metrics.get("max_ms").doubleValue());
    assertThat(metrics).containsKey("burst_p99_ms");
  }

  @Test
  void memoryReadsTheResidentSetOfEveryServiceAtRestAndUnderLoad() throws Exception {
    Map<String, Number> metrics = MemoryBenchmark.measure(platform, POSTGRES, 3);

    for (String service : List.of("broker", "processor", "worker", "gateway")) {
      assertThat(metrics.get("rss_mb_" + service + "_at_rest").doubleValue()).as(service).isPositive();
      assertThat(metrics.get("rss_mb_" + service + "_under_load").doubleValue()).as(service)
          .isGreaterThanOrEqualTo(metrics.get("rss_mb_" + service + "_at_rest").doubleValue());
    }
  }
}
