package io.neoinfra.harness.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.harness.process.ServiceClasspath;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

  private static final Path REPO = Path.of("/checkout");

  @Test
  void theBenchmarksRunEachServiceFromItsModuleWithTheDeployedDefaults() {
    PlatformSettings settings = PlatformSettings.of(REPO, 2, 8, true);

    assertThat(settings.classpath()).isEqualTo(new ServiceClasspath.Modules(REPO));
    assertThat(settings.workerBundle()).isEqualTo("filesystem:/checkout/bench/src/main/resources/bench/fleet-bundle");
    assertThat(settings.logDir()).startsWithRaw(REPO.resolve("bench/target/platform-logs"));
    assertThat(settings.keepData()).isFalse();
    assertThat(settings.rateLimit()).isEqualTo(RateLimit.UNBOUNDED);
    assertThat(settings.partitions()).isEqualTo(6);
    assertThat(settings.maxHeapMb()).isEmpty();
    assertThat(settings.processorOptions()).isEmpty();
    assertThat(settings.workerEnvironment()).containsExactly(java.util.Map.entry("NEO_WORKER_METRICS_PORT", "-1"));
    assertThat(settings.totalSlots()).isEqualTo(16);
  }

  @Test
  void theFaultTestsKeepEverythingUnderTheirRunDirectoryWithShortTimeouts() {
    Path run = Path.of("/tmp/run");
    PlatformSettings settings = PlatformSettings.forFaultInjection(run);

    assertThat(settings.dataDir()).isEqualTo(run);
    assertThat(settings.logDir()).isEqualTo(run.resolve("logs"));
    assertThat(settings.keepData()).isTrue();
    assertThat(settings.classpath()).isInstanceOf(ServiceClasspath.Shared.class);
    assertThat(settings.workers()).isEqualTo(2);
    assertThat(settings.partitions()).isEqualTo(3);
    assertThat(settings.rateLimit()).isEqualTo(RateLimit.STOCK);
    assertThat(settings.processorOptions()).containsEntry("retry-tiers", "1s,2s,5s").containsEntry("max-attempts", "30")
        .containsEntry("streams.session.timeout.ms", "6000");
    assertThat(settings.workerEnvironment()).containsEntry("NEO_WORKER_SESSION_TIMEOUT_MS", "6000");
    assertThat(settings.maxHeapMb()).containsEntry(ServiceRole.WORKER, 384);
    assertThat(settings.serviceJvmOptions()).containsExactly("-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0");
  }

  @Test
  void withersChangeOneSettingOnly() {
    PlatformSettings settings = PlatformSettings.forFaultInjection(Path.of("/tmp/run"));

    PlatformSettings changed = settings.withWorkers(1).withRateLimit(RateLimit.OFF)
        .withClasspath(new ServiceClasspath.Modules(REPO));

    assertThat(changed.workers()).isEqualTo(1);
    assertThat(changed.rateLimit()).isEqualTo(RateLimit.OFF);
    assertThat(changed.classpath()).isEqualTo(new ServiceClasspath.Modules(REPO));
    assertThat(changed.withWorkers(2).withRateLimit(RateLimit.STOCK).withClasspath(settings.classpath()))
        .isEqualTo(settings);
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    PlatformSettings valid = PlatformSettings.forFaultInjection(Path.of("/tmp/run"));

    assertThatThrownBy(() -> new PlatformSettings(valid.dataDir(), true, valid.logDir(), valid.classpath(), 0, 257,
        valid.workerBundle(), true, RateLimit.STOCK, 0, valid.serviceJvmOptions(),
        java.util.Map.of(ServiceRole.GATEWAY, 32), valid.processorOptions(), valid.workerEnvironment()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers must be at least 1, is 0")
        .hasMessageContaining("workerConcurrency must be within 1..256, is 257")
        .hasMessageContaining("partitions must be at least 1, is 0")
        .hasMessageContaining("maxHeapMb of GATEWAY must be at least 64, is 32");
  }

  @Test
  void theGatewaysRateLimitIsSetOnItsCommandLine() {
    assertThat(RateLimit.STOCK.gatewayArguments()).isEmpty();
    assertThat(RateLimit.OFF.gatewayArguments()).containsExactly("--neo.gateway.rate-limit.enabled=false");
    assertThat(RateLimit.UNBOUNDED.gatewayArguments()).allMatch(a -> a.endsWith("=100000000"));
  }
}
