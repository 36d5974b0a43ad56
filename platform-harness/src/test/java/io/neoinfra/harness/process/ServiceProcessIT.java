package io.neoinfra.harness.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs started, stopped, killed and restarted, as the platform does with its services. */
class ServiceProcessIT {

  @TempDir
  Path logs;

  private ServiceProcess service;

  @AfterEach
  void kill() {
    if (service != null && service.isAlive()) {
      service.kill();
    }
  }

  private ServiceProcess start(String name, String... args) {
    return start(List.of("-Xmx64m"), name, args);
  }

  private ServiceProcess start(List<String> jvmOptions, String name, String... args) {
    return ServiceProcess.start(new ServiceSpec(name, ServiceClasspath.Shared.current().of("any"),
        SleepingMain.class.getName(), jvmOptions, Map.of("NEO_TEST_VALUE", "from-env"), List.of(args)), logs);
  }

  private String log() throws Exception {
    return Files.readString(service.log());
  }

  @Test
  void aStartedServiceRunsWithItsEnvironmentAndWritesToItsLog() throws Exception {
    service = start("sleeper");

    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("started with NEO_TEST_VALUE=from-env"));
    assertThat(service.log()).isEqualTo(logs.resolve("sleeper.log"));
    assertThat(service.isAlive()).isTrue();
    assertThat(service.rssBytes().orElseThrow()).isPositive();
    assertThat(service.rssMb()).isPositive();
    assertThat(service.heapUsedBytes().orElseThrow()).isPositive();
  }

  @Test
  void theLiveHeapLeavesOutGarbageThatHeapInUseStillCounts() throws Exception {
    service = start(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:MarkSweepDeadRatio=0"), "hoarder", "garbage");
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("started"));
    long mib = 1 << 20;

    long inUse = service.heapUsedBytes().orElseThrow();
    long live = service.liveHeapBytes().orElseThrow();

    // 8 MiB of ballast is alive; 24 MiB of dropped arrays sit in the old generation until a full collection
    assertThat(inUse).isGreaterThan(32 * mib);
    assertThat(live).isBetween(8 * mib, 20 * mib);
  }

  @Test
  void stopSendsSigtermSoThatTheShutdownHookRuns() throws Exception {
    service = start("sleeper");
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("started"));

    service.stop();

    assertThat(service.isAlive()).isFalse();
    assertThat(service.killedOnPurpose()).isFalse();
    assertThat(log()).contains("stopped cleanly");
    assertThat(service.rssBytes()).isEmpty();
    assertThat(service.rssMb()).isEqualTo(-1);
  }

  @Test
  void killIsASigkillAndRestartBringsTheSameServiceBackAppendingToItsLog() throws Exception {
    service = start("sleeper");
    await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("started"));
    long firstPid = service.pid();

    service.kill();

    assertThat(service.isAlive()).isFalse();
    assertThat(service.killedOnPurpose()).isTrue();
    assertThat(log()).doesNotContain("stopped cleanly");

    service.restart();

    assertThat(service.isAlive()).isTrue();
    assertThat(service.killedOnPurpose()).isFalse();
    assertThat(service.pid()).isNotEqualTo(firstPid);
    await().atMost(Duration.ofSeconds(30)).until(() -> log().split("started with", -1).length == 3);
    assertThat(log().split("=== start sleeper", -1)).hasSize(3);
  }

  @Test
  void aRunningServiceCannotBeRestarted() {
    service = start("sleeper");

    assertThatThrownBy(service::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
  }

  @Test
  void requireAliveReportsTheExitStatusAndTheEndOfTheLog() {
    service = start("failing", "exit");
    await().atMost(Duration.ofSeconds(30)).until(() -> !service.isAlive());

    assertThatThrownBy(service::requireAlive).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("failing exited with 3").hasMessageContaining("failing on purpose");
    assertThat(service.logTail(1)).isEqualTo("failing on purpose");
  }
}
