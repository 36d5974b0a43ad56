package io.neoinfra.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.Fixtures;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Contracts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The executions topic as the gateway reads it: views by id, pending requests, and each target's latest version. */
class ExecutionStoreTest {

  private static final String TOPIC = "neo.migration.executions";

  private final ContractCodec<ExecutionView> codec = new Contracts().executions().codec();
  private final ExecutionStore store = new ExecutionStore(TOPIC, codec, Duration.ofMinutes(1));
  private long offset;

  private void apply(String key, byte[] value) {
    store.apply(new ConsumerRecord<>(TOPIC, 0, offset++, key, value));
  }

  private void apply(ExecutionView view) {
    apply(view.id(), codec.write(view));
  }

  @Test
  void aViewFromTheTopicIsFoundListedAndMovesItsTargetsVersion() {
    long before = store.changes();
    ExecutionView view = Fixtures.completedMigration("exec-1", "db-1");

    apply(view);

    assertThat(store.topic()).isEqualTo(TOPIC);
    assertThat(store.find("exec-1")).contains(view);
    assertThat(store.all()).containsExactly(view);
    assertThat(store.changes()).isGreaterThan(before);
    TargetVersion target = store.targetVersion("db-1", null).orElseThrow();
    assertThat(target.version()).isEqualTo("3");
    assertThat(target.lastExecutionId()).isEqualTo("exec-1");
    assertThat(store.targetVersions()).containsExactly(target);
  }

  @Test
  void listenersHearOfEveryNewVersionWithTheTargetIndexAlreadyUpToDate() {
    List<String> heard = new CopyOnWriteArrayList<>();
    ExecutionListener listener = view -> heard.add(view.id() + " at "
        + store.targetVersion("db-1", null).map(TargetVersion::version).orElse("none"));
    store.addListener(listener);

    apply(Fixtures.completedMigration("exec-1", "db-1"));
    store.removeListener(listener);
    apply(Fixtures.completedMigration("exec-2", "db-1"));

    assertThat(heard).containsExactly("exec-1 at 3");
  }

  @Test
  void aPendingRequestIsServedUntilTheProcessorsOwnViewArrives() {
    ExecutionView pending = Fixtures.execution("exec-1", ExecutionKind.MIGRATION, ExecutionStatus.PENDING,
        TriggeredBy.API, null, List.of());
    long before = store.changes();

    store.addPending(pending);

    assertThat(store.find("exec-1")).contains(pending);
    assertThat(store.all()).containsExactly(pending);
    assertThat(store.changes()).isGreaterThan(before);

    ExecutionView written = Fixtures.completedMigration("exec-1", "db-1");
    apply(written);

    assertThat(store.find("exec-1")).contains(written);
    assertThat(store.all()).containsExactly(written);
    store.addPending(pending); // a late duplicate of the request does not hide what the processor wrote
    assertThat(store.find("exec-1")).contains(written);
  }

  @Test
  void aTombstoneRemovesTheExecutionButNotWhereItsTargetsStand() {
    apply(Fixtures.completedMigration("exec-1", "db-1"));
    long before = store.changes();

    apply("exec-1", null);

    assertThat(store.find("exec-1")).isEmpty();
    assertThat(store.all()).isEmpty();
    assertThat(store.changes()).isGreaterThan(before);
    assertThat(store.targetVersion("db-1", null)).isPresent();
  }

  @Test
  void aDryRunOrAFailedTargetDoesNotClaimAVersionItDidNotReach() {
    ExecutionView completed = Fixtures.completedMigration("exec-1", "db-1");
    ExecutionView dryRun = new ExecutionView("exec-2", completed.kind(), completed.scope(), completed.operation(),
        completed.status(), true, completed.priority(), null, null, completed.createdAt(), completed.startedAt(),
        completed.completedAt(), completed.counts(), 100,
        List.of(Fixtures.target("db-2", TargetStatus.SUCCEEDED, "1", "3", List.of("2", "3"))), completed.metadata(),
        completed.requestedBy(), null);
    ExecutionView failed = Fixtures.execution("exec-3", ExecutionKind.MIGRATION, ExecutionStatus.FAILED,
        TriggeredBy.API, null, List.of(Fixtures.target("db-3", TargetStatus.FAILED, "1", null, List.of())));

    apply(dryRun);
    apply(failed);

    assertThat(store.targetVersion("db-2", null)).isEmpty();
    TargetVersion db3 = store.targetVersion("db-3", null).orElseThrow();
    assertThat(db3.version()).isEqualTo("1");
    assertThat(db3.failing()).isTrue();
  }

  @Test
  void aRecordWithoutKeyOrUnreadableChangesNothing() {
    List<ExecutionView> heard = new CopyOnWriteArrayList<>();
    store.addListener(heard::add);
    long before = store.changes();

    apply(null, codec.write(Fixtures.completedMigration("exec-1", "db-1")));
    apply("exec-2", "{\"id\":\"exec-2\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(store.all()).isEmpty();
    assertThat(store.changes()).isEqualTo(before);
    assertThat(heard).isEmpty();
    assertThat(store.targetVersions()).isEmpty();
  }
}
