package io.neoinfra.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformObserver;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.testsupport.GatewayClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One fault test's run: a fleet registered, one migration of all of it requested through the gateway, the fault
 * injected once a fifth of the targets succeeded, then every check of RELIABILITY.md. Shared by every fault test so
 * that each one differs only in its fault.
 */
final class FleetMigration {

  /** The fault, injected mid-run. */
  @FunctionalInterface
  interface Fault {
    void inject() throws Exception;
  }

  private final Platform platform;
  private final PlatformObserver observer;
  private final LifecycleEventPublisher publisher;
  private final GatewayClient api;

  FleetMigration(Platform platform, PlatformObserver observer, LifecycleEventPublisher publisher) {
    this.platform = platform;
    this.observer = observer;
    this.publisher = publisher;
    this.api = new GatewayClient(platform.gatewayUrl(), () -> platform.issuer().issueToken("neo-admin"));
  }

  GatewayClient api() {
    return api;
  }

  /** Registers {@code fleet} (its database reached on {@code port}), migrates it, injects {@code fault} mid-run. */
  ExecutionView migrate(String name, TenantFleet fleet, int port, Fault fault) throws Exception {
    long started = System.nanoTime();
    fleet.registerThroughEvents(publisher, port);
    await("registry holds the fleet").atMost(Duration.ofSeconds(180)).until(() ->
        observer.databaseRegistered(fleet.sharedDatabaseId())
            && observer.tenantsStartingWith(fleet.tenantPrefix()) == fleet.size());
    int deadLettersBefore = observer.deadLetters().size();

    GatewayClient.Response accepted = api.post("/api/v1/migrations/dynamic", fleet.migrationRequest(50));
    assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
    String executionId = accepted.body().get("execution_id").asText();

    int fifth = Math.max(1, fleet.size() / 5);
    await("a fifth of the targets succeeded").atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(200))
        .until(() -> succeeded(executionId) >= fifth || terminal(executionId));
    int atFault = succeeded(executionId);
    long faultAt = System.nanoTime();
    fault.inject();

    await("the execution ends").atMost(Duration.ofSeconds(900)).pollInterval(Duration.ofMillis(500))
        .until(() -> terminal(executionId));
    ExecutionView view = observer.execution(executionId).orElseThrow();
    long ended = System.nanoTime();

    verify(fleet, view, atFault, deadLettersBefore);
    Map<Integer, Long> attempts = new TreeMap<>(view.targets().stream()
        .collect(Collectors.groupingBy(TargetState::attempts, Collectors.counting())));
    System.out.printf("%s: %d targets, fault at %d succeeded, %.1f s from request to end (%.1f s after the fault),"
            + " attempts per target %s%n", name, fleet.size(), atFault, (ended - started) / 1e9,
        (ended - faultAt) / 1e9, attempts);
    return view;
  }

  private void verify(TenantFleet fleet, ExecutionView view, int atFault, int deadLettersBefore) throws Exception {
    int n = fleet.size();
    // the fault landed mid-run
    assertThat(atFault).as("succeeded targets when the fault was injected").isLessThan(n);
    // the execution: completed, counts exact, every target once and succeeded at the latest version
    assertThat(view.status()).as(view.reason()).isEqualTo(ExecutionStatus.COMPLETED);
    assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, n);
    assertThat(view.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
    assertThat(view.targets()).hasSize(n);
    assertThat(view.targets()).extracting(TargetState::targetId).doesNotHaveDuplicates();
    // only the offenders in the message: a thousand healthy targets would hide them
    assertThat(view.targets()).as("targets not SUCCEEDED at version 5")
        .filteredOn(t -> t.status() != TargetStatus.SUCCEEDED || !"5".equals(t.versionAfter()))
        .isEmpty();
    // the databases: every schema at the latest version, every version exactly once, no failed row
    assertThat(fleet.historyProblems()).as("schemas whose history is not exactly 1..5").isEmpty();
    // nothing dead-lettered by this run (no dead letter is expected from any of these faults)
    assertThat(observer.deadLetters().subList(deadLettersBefore, observer.deadLetters().size()))
        .as("dead letters written during the run").isEmpty();
    // the gateway (restarted or not) serves the same outcome from its view of Kafka
    await("the gateway serves the final view").atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() -> {
      JsonNode body = api.get("/api/v1/migrations/executions/" + view.id()).body();
      assertThat(body.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(body.path("counts").path("SUCCEEDED").asInt()).isEqualTo(n);
    });
    // no service died of the fault (one the test killed and left down on purpose aside)
    assertThat(platform.services()).as("every service process not killed on purpose is alive")
        .allMatch(s -> s.isAlive() || s.killedOnPurpose());
    assertThat(observer.undecodableViews()).as("execution views that break their schema").isZero();
  }

  private int succeeded(String executionId) {
    return observer.execution(executionId).map(v -> v.counts().getOrDefault(TargetStatus.SUCCEEDED, 0)).orElse(0);
  }

  private boolean terminal(String executionId) {
    return observer.execution(executionId).map(v -> v.status().terminal()).orElse(false);
  }
}
