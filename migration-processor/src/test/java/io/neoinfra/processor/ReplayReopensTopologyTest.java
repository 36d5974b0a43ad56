package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.failed;
import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.started;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A task dead-lettered after its last attempt, replayed by an operator once the cause is fixed
 * ({@code neo-events dlt replay}): the worker runs it again and copies {@code neo-replayed-from} onto its results; the
 * processor re-opens the FAILED target and its execution for them, and counts the outcome once.
 */
class ReplayReopensTopologyTest {

  private static final String DLT_REF = "neo.migration.dlt/0/7";

  @Test
  void aTaskDeadLetteredAfterItsLastAttemptNamesTheTaskTopicForItsReplay() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));

      MigrationTask dead = deadLetter(f, "db-0");

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(f.topics.shared().tasks(Priority.NORMAL));
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isNull();
      assertThat(decodeTask(f, letter)).isEqualTo(dead);
    }
  }

  @Test
  void aReplayedTaskThatSucceedsReopensTheFailedTargetAndCompletesTheExecution() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask dead = deadLetter(f, "db-0");
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);

      f.replayedResult(started(dead), DLT_REF);
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.RUNNING);
      f.replayedResult(succeeded(dead, "1", "2"), DLT_REF);

      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(view.reason()).isNull();
      assertThat(view.counts().get(TargetStatus.SUCCEEDED)).isEqualTo(1);
      assertThat(view.counts().get(TargetStatus.FAILED)).isZero();
      TargetState target = target(view, "db-0");
      assertThat(target.status()).isEqualTo(TargetStatus.SUCCEEDED);
      assertThat(target.versionAfter()).isEqualTo("2");
      assertThat(target.error()).isNull();
      assertThat(f.metrics.count("neo.processor.executions", "status", "COMPLETED")).isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.replays.reopened")).isEqualTo(1);
    }
  }

  @Test
  void aReplayedOutcomeIsCountedOnceHoweverOftenItArrivesOrIsReplayedAgain() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask dead = deadLetter(f, "db-0");
      f.replayedResult(succeeded(dead, "1"), DLT_REF);

      f.replayedResult(succeeded(dead, "1"), DLT_REF);               // re-delivered
      f.replayedResult(started(dead), "neo.migration.dlt/0/7");      // replayed a second time, with --force
      f.replayedResult(succeeded(dead, "1"), "neo.migration.dlt/0/7");

      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(f.metrics.count("neo.processor.executions", "status", "COMPLETED")).isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.replays.reopened")).isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.events", "type", "task_succeeded", "outcome", "stale")).isEqualTo(2);
      assertThat(f.viewsOf("e1").stream().filter(v -> v.status() == ExecutionStatus.COMPLETED)).hasSize(1);
    }
  }

  @Test
  void aResultForAFailedTargetWithoutTheReplayHeaderIsLateAndChangesNothing() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask dead = deadLetter(f, "db-0");

      f.result(succeeded(dead, "1"));

      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(target(f.view("e1"), "db-0").status()).isEqualTo(TargetStatus.FAILED);
      assertThat(f.metrics.count("neo.processor.replays.reopened")).isZero();
    }
  }

  @Test
  void aReplayedTaskThatFailsAgainGoesBackToTheDeadLetterTopicWithoutAnotherRetry() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask dead = deadLetter(f, "db-0");
      f.deadLetters();
      f.retries(f.tierName(0));
      f.retries(f.tierName(1));

      f.replayedResult(failed(dead, FailureKind.CONNECTION_REFUSED), DLT_REF);

      assertThat(f.retries(f.tierName(0))).isEmpty();
      assertThat(f.retries(f.tierName(1))).isEmpty();
      var again = f.deadLetters();
      assertThat(again).singleElement().satisfies(letter ->
          assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("connection_refused"));
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(target(f.view("e1"), "db-0").status()).isEqualTo(TargetStatus.FAILED);
    }
  }

  @Test
  void replayingTheFailedTargetOfAnExecutionWithOthersCompletesItWithEveryTargetCountedOnce() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));
      var first = f.tasks();
      MigrationTask ok = first.stream().filter(t -> t.targetId().equals("db-1")).findFirst().orElseThrow();
      f.result(succeeded(ok, "1"));
      MigrationTask dead = deadLetterIssued(f, first.stream().filter(t -> t.targetId().equals("db-0"))
          .findFirst().orElseThrow());
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);

      f.replayedResult(succeeded(dead, "1"), DLT_REF);

      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(view.counts().get(TargetStatus.SUCCEEDED)).isEqualTo(2);
      assertThat(view.progressPercent()).isEqualTo(100);
      assertThat(f.metrics.count("neo.processor.executions", "status", "COMPLETED")).isEqualTo(1);
    }
  }

  @Test
  void anExecutionHaltedByItsFailureThresholdStaysFailedWhenItsFailedTargetsAreReplayed() {
    try (var f = new DriverFixture()) {
      f.registerShared(10);
      f.publish(request("e1", Scope.REGIONAL, new RolloutPolicy(2, 10)));
      List<MigrationTask> first = f.tasks();
      f.result(failed(first.get(0), FailureKind.SQL_ERROR));
      MigrationTask second = f.tasks().get(0);
      f.result(failed(second, FailureKind.SQL_ERROR));           // 2 of 10 failed: 7 queued targets skipped
      f.result(succeeded(first.get(1), "1"));
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);

      f.replayedResult(succeeded(first.get(0), "1"), DLT_REF);
      f.replayedResult(succeeded(second, "1"), "neo.migration.dlt/0/8");

      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, 3).containsEntry(TargetStatus.FAILED, 0)
          .containsEntry(TargetStatus.SKIPPED, 7);
      assertThat(view.reason()).contains("7 of 10 targets were skipped");
      assertThat(f.metrics.count("neo.processor.executions", "status", "COMPLETED")).isZero();
    }
  }

  // --- steps ---------------------------------------------------------------------------------------------------

  /** Fails the only issued task through every attempt (tiers 1 s, 2 s; 3 attempts): it is dead-lettered. */
  private static MigrationTask deadLetter(DriverFixture f, String targetId) {
    MigrationTask task = f.tasks().stream().filter(t -> t.targetId().equals(targetId)).findFirst().orElseThrow();
    return deadLetterIssued(f, task);
  }

  private static MigrationTask deadLetterIssued(DriverFixture f, MigrationTask first) {
    MigrationTask task = first;
    for (int attempt = 1; attempt < 3; attempt++) {
      f.result(failed(task, FailureKind.CONNECTION_REFUSED));
      f.advance(Duration.ofSeconds(attempt * 2L + 1));
      task = f.tasks().stream().filter(t -> t.targetId().equals(first.targetId())).findFirst().orElseThrow();
    }
    f.result(failed(task, FailureKind.CONNECTION_REFUSED));
    return task;
  }

  private static MigrationTask decodeTask(DriverFixture f, TestRecord<String, byte[]> letter) {
    return ((Decoded.Valid<MigrationTask>) f.contracts.tasks().codec().read(letter.value())).value();
  }

  private static TargetState target(ExecutionView view, String targetId) {
    return view.targets().stream().filter(t -> t.targetId().equals(targetId)).findFirst().orElseThrow();
  }
}
