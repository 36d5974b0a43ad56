package io.neoinfra.harness.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.process.ServiceProcess;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's own platform, as the reliability tests run it (every service on this test's classpath, one worker):
 * each service a JVM of its own, a fleet registered through the gateway migrated and rolled back, a worker killed and
 * revived, the broker restarted. Each test leaves the whole platform running for the next.
 */
class PlatformIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  private static Platform platform;

  @BeforeAll
  static void startPlatform() {
    platform = Platform.start(PlatformSettings.forFaultInjection(PlatformSettings.runDirectory("harness"))
        .withWorkers(1));
  }

  @AfterAll
  static void stopPlatform() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void everyServiceIsAJvmOfItsOwnAndTheGatewayAcceptsTheIssuersAdminToken() {
    assertThat(platform.services()).extracting(ServiceProcess::name)
        .containsExactly("broker", "processor", "worker", "gateway");
    assertThat(platform.services()).allMatch(ServiceProcess::isAlive)
        .extracting(ServiceProcess::pid).doesNotHaveDuplicates().doesNotContain(ProcessHandle.current().pid());
    assertThat(platform.gatewayProcess()).isSameAs(platform.services().get(3));

    var profile = platform.gateway().get("/api/v1/auth/profile");

    assertThat(profile.status()).as(profile.body().toString()).isEqualTo(200);
    assertThat(profile.body().path("client_id").asText()).isEqualTo("neo-admin");
  }

  @Test
  void aFleetRegisteredThroughTheGatewayIsMigratedToTheLatestVersionAndRolledBack() throws Exception {
    try (TenantFleet fleet = TenantFleet.register(platform, POSTGRES, "harness", 3)) {
      TenantFleet.Outcome migration = fleet.migrate();

      assertThat(migration.completed()).as(TenantFleet.failures(migration.view()).toString()).isTrue();
      assertThat(migration.count("SUCCEEDED")).isEqualTo(3);
      assertThat(fleet.historyProblems()).isEmpty();
      assertThat(fleet.schemasAtVersionCount(5)).isEqualTo(3);

      TenantFleet.Outcome rollback = fleet.rollback(migration.id());

      assertThat(rollback.completed()).as(TenantFleet.failures(rollback.view()).toString()).isTrue();
      assertThat(fleet.schemasAtVersionCount(0)).isEqualTo(3);
    }
  }

  @Test
  void aKilledWorkerIsRevivedAndARestartedBrokerServesAgain() throws Exception {
    ServiceProcess worker = platform.workers().get(0);
    worker.kill();

    assertThat(worker.isAlive()).isFalse();
    assertThat(worker.killedOnPurpose()).isTrue();

    platform.reviveAll();

    assertThat(worker.isAlive()).isTrue();
    assertThat(worker.killedOnPurpose()).isFalse();

    long brokerPid = platform.broker().pid();
    platform.restartBroker();

    assertThat(platform.broker().pid()).isNotEqualTo(brokerPid);
    try (Admin admin = platform.admin()) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
    }
    platform.requireAlive();
  }
}
