package io.neoinfra.reliability.faults;

import static org.awaitility.Awaitility.await;

import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformObserver;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.harness.process.ServiceProcess;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.LoopbackProxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults in the middle of a fleet migration (N tenant schemas x 5 migrations on the local PostgreSQL, requested
 * through the gateway), every service its own JVM. After each fault: the execution COMPLETED with exact counts, every
 * schema at version 5 with each version exactly once in its history, no dead letter, the gateway serving the same
 * outcome, every service alive. N is {@code -Dneo.reliability.targets} (default 100 to keep CI short; 1,000 by
 * command, see RELIABILITY.md).
 */
class FaultInjectionIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  private static final int TARGETS = Integer.getInteger("neo.reliability.targets", 100);
  private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("neo.reliability.outage-seconds", 20));

  private static Platform platform;
  private static PlatformObserver observer;
  private static LifecycleEventPublisher publisher;
  private static FleetMigration run;
  private TenantFleet fleet;

  @BeforeAll
  static void startPlatform() {
    platform = Platform.start(PlatformSettings.forFaultInjection(PlatformSettings.runDirectory("faults")));
    observer = new PlatformObserver(platform.bootstrapServers(), platform.topics());
    publisher = LifecycleEventPublisher.configure().bootstrapServers(platform.bootstrapServers())
        .source(URI.create("/reliability-faults")).load();
    run = new FleetMigration(platform, observer, publisher);
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (publisher != null) {
      publisher.close();
    }
    if (observer != null) {
      observer.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @AfterEach
  void reviveAndDrop() {
    PostgresCluster.local(POSTGRES).ensureRunning();
    platform.reviveAll(); // the next test finds the whole platform, whatever this one did to it
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void aWorkerKilledMidMigrationLosesNothingAndTheOtherWorkerFinishes() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "kill_worker", TARGETS);
    ServiceProcess victim = platform.workers().get(0);

    run.migrate("worker kill -9", fleet, POSTGRES.port(), victim::kill);
  }

  @Test
  void theProcessorKilledMidMigrationRestartsOnItsStateWithExactCounts() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "kill_processor", TARGETS);
    ServiceProcess processor = platform.processor();

    run.migrate("processor kill -9", fleet, POSTGRES.port(), () -> {
      processor.kill();
      processor.restart(); // same state directory, same application id
    });
  }

  @Test
  void theGatewayKilledMidMigrationRebuildsItsViewFromKafka() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "kill_gateway", TARGETS);
    ServiceProcess gateway = platform.gatewayProcess();

    run.migrate("gateway kill -9", fleet, POSTGRES.port(), () -> {
      gateway.kill();
      gateway.restart();
      platform.awaitGatewayHealthy();
    });
  }

  @Test
  void theBrokerRestartedMidMigrationLosesNothing() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "restart_broker", TARGETS);

    run.migrate("broker restart", fleet, POSTGRES.port(), platform::restartBroker);
  }

  @Test
  void postgresRestartedMidMigrationLeavesEveryTargetMigratedExactlyOnce() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "restart_pg", TARGETS);
    PostgresCluster cluster = PostgresCluster.local(POSTGRES);

    try {
      run.migrate("postgres restart", fleet, POSTGRES.port(), cluster::restart);
    } finally {
      cluster.ensureRunning();
    }
  }

  @Test
  void aTargetRefusingConnectionsForAWhileRecoversThroughTheRetryTiers() throws Exception {
    fleet = TenantFleet.provision(platform, POSTGRES, "refused", TARGETS);
    try (LoopbackProxy proxy = LoopbackProxy.up(POSTGRES.port())) {
      run.migrate("connections refused for " + OUTAGE.toSeconds() + " s", fleet, proxy.port(), () -> {
        Instant down = Instant.now();
        proxy.takeDown();
        // The outage lasts OUTAGE, and at least until the platform has seen it (a target waiting for a retry).
        await("the outage").atMost(OUTAGE.plusSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0 && retrying());
        proxy.bringUp();
      });
    }
  }

  private static boolean retrying() {
    return observer.executions().values().stream().anyMatch(v ->
        v.counts().getOrDefault(TargetStatus.RETRY_SCHEDULED, 0) > 0
            || v.targets().stream().anyMatch(t -> t.attempts() > 1));
  }
}
