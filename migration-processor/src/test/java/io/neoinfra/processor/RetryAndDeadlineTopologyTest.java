package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.failed;
import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.started;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class RetryAndDeadlineTopologyTest {

  private static TargetState target(ExecutionView view, String targetId) {
    return view.targets().stream().filter(t -> t.targetId().equals(targetId)).findFirst().orElseThrow();
  }

  @Test
  void retryableFailureGoesToTheFirstRetryTierWithItsDueTime() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask task = f.tasks().get(0);

      f.result(failed(task, FailureKind.CONNECTION_REFUSED));

      TestRecord<String, MigrationTask> retry = f.retries(f.tierName(0)).get(0);
      assertThat(retry.key()).isEqualTo("db-0");
      assertThat(retry.value().attempt()).isEqualTo(2);
      long notBefore = Long.parseLong(DriverFixture.header(retry, DeadLetterHeaders.NOT_BEFORE));
      assertThat(notBefore).isEqualTo(DriverFixture.START.toEpochMilli() + 1000);
      TargetState state = target(f.view("e1"), "db-0");
      assertThat(state.status()).isEqualTo(TargetStatus.RETRY_SCHEDULED);
      assertThat(state.error().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    }
  }

  @Test
  void retryForwarderRepublishesTheTaskOnlyWhenItIsDue() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(failed(f.tasks().get(0), FailureKind.TIMEOUT));

      assertThat(f.tasks()).isEmpty();
      f.advance(Duration.ofMillis(1100));

      List<MigrationTask> reissued = f.tasks();
      assertThat(reissued).singleElement().satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
    }
  }

  @Test
  void secondRetryableFailureGoesToTheNextTier() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(failed(f.tasks().get(0), FailureKind.LOCK_WAIT));
      f.advance(Duration.ofMillis(1100));

      f.result(failed(f.tasks().get(0), FailureKind.LOCK_WAIT));

      assertThat(f.retries(f.tierName(1))).singleElement()
          .satisfies(r -> assertThat(r.value().attempt()).isEqualTo(3));
    }
  }

  @Test
  void retriedTaskThatSucceedsCompletesTheExecution() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(failed(f.tasks().get(0), FailureKind.CONNECTION_REFUSED));
      f.advance(Duration.ofMillis(1100));

      f.result(succeeded(f.tasks().get(0), "1"));

      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(target(f.view("e1"), "db-0").attempts()).isEqualTo(2);
    }
  }

  @Test
  void failureOfTheLastAttemptDeadLettersTheTaskAndFailsTheExecution() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(failed(f.tasks().get(0), FailureKind.CONNECTION_REFUSED));
      f.advance(Duration.ofMillis(1100));
      f.result(failed(f.tasks().get(0), FailureKind.CONNECTION_REFUSED));
      f.advance(Duration.ofMillis(2500));

      f.result(failed(f.tasks().get(0), FailureKind.CONNECTION_REFUSED));

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("connection_refused");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.EXECUTION_ID)).isEqualTo("e1");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.FIRST_FAILURE_AT)).isNotNull();
      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(view.reason()).contains("db-0").contains("connection_refused");
      assertThat(target(view, "db-0").status()).isEqualTo(TargetStatus.FAILED);
    }
  }

  @Test
  void nonRetryableFailureFailsAtOnceWithoutRetry() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));

      f.result(failed(f.tasks().get(0), FailureKind.SQL_ERROR));

      assertThat(f.retries(f.tierName(0))).isEmpty();
      assertThat(f.deadLetters()).hasSize(1);
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);
    }
  }

  @Test
  void taskWithoutResultAfterItsDeadlineIsReissued() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(started(f.tasks().get(0)));

      f.advance(Duration.ofSeconds(12)); // timeout 10 s + grace 1 s

      assertThat(f.tasks()).singleElement().satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
      TargetState state = target(f.view("e1"), "db-0");
      assertThat(state.status()).isEqualTo(TargetStatus.QUEUED);
      assertThat(state.error().kind()).isEqualTo(FailureKind.TIMEOUT);
    }
  }

  @Test
  void taskWithinItsDeadlineIsNotReissued() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.tasks();

      f.advance(Duration.ofSeconds(5));

      assertThat(f.tasks()).isEmpty();
    }
  }

  @Test
  void deadlinePassedOnTheLastAttemptFailsTheTarget() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.tasks();

      f.advance(Duration.ofSeconds(12));
      f.advance(Duration.ofSeconds(12));
      f.advance(Duration.ofSeconds(12));

      assertThat(f.tasks()).extracting(MigrationTask::attempt).containsExactly(2, 3);
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(DriverFixture.header(f.deadLetters().get(0), DeadLetterHeaders.ERROR_CLASS)).isEqualTo("timeout");
    }
  }

  @Test
  void failureThresholdSkipsTheRemainingQueuedTargetsAndFailsTheExecution() {
    try (var f = new DriverFixture()) {
      f.registerShared(10);
      f.publish(request("e1", Scope.REGIONAL, new RolloutPolicy(2, 10)));
      List<MigrationTask> first = f.tasks();

      f.result(failed(first.get(0), FailureKind.SQL_ERROR));   // 1 of 10 = 10 %: not above the threshold
      f.result(failed(f.tasks().get(0), FailureKind.SQL_ERROR)); // 2 of 10 = 20 %: halts

      ExecutionView halted = f.view("e1");
      assertThat(halted.counts()).containsEntry(TargetStatus.FAILED, 2).containsEntry(TargetStatus.SKIPPED, 7);
      assertThat(halted.reason()).contains("failure threshold of 10% exceeded");
      assertThat(f.tasks()).isEmpty();
      f.result(succeeded(first.get(1), "1"));
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(f.view("e1").counts()).containsEntry(TargetStatus.SUCCEEDED, 1);
    }
  }
}
