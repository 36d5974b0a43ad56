package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.failed;
import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.scriptApplied;
import static io.neoinfra.processor.DriverFixture.started;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultAggregationTopologyTest {

  private static TargetState target(ExecutionView view, String targetId) {
    return view.targets().stream().filter(t -> t.targetId().equals(targetId)).findFirst().orElseThrow();
  }

  @Test
  void taskStartedMovesTheTargetToRunning() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));

      f.result(started(f.tasks().get(0)));

      assertThat(target(f.view("e1"), "db-0").status()).isEqualTo(TargetStatus.RUNNING);
      assertThat(f.view("e1").counts()).containsEntry(TargetStatus.RUNNING, 1);
    }
  }

  @Test
  void allTargetsSucceededCompletesTheExecutionWithVersionsAndProgress() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));
      List<MigrationTask> tasks = f.tasks();

      f.result(succeeded(tasks.get(0), "1", "2"));
      assertThat(f.view("e1").progressPercent()).isEqualTo(50);
      f.result(succeeded(tasks.get(1), "1", "2"));

      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(view.progressPercent()).isEqualTo(100);
      assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, 2);
      assertThat(view.completedAt()).isNotNull();
      assertThat(target(view, "db-0").versionAfter()).isEqualTo("2");
      assertThat(target(view, "db-0").applied()).extracting(AppliedScript::version).containsExactly("1", "2");
    }
  }

  @Test
  void duplicatedResultsAreCountedOnce() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask task = f.tasks().get(0);

      f.result(started(task));
      f.result(started(task));
      f.result(succeeded(task, "1"));
      f.result(succeeded(task, "1"));

      ExecutionView view = f.view("e1");
      assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, 1).containsEntry(TargetStatus.RUNNING, 0)
          .containsEntry(TargetStatus.QUEUED, 1);
      assertThat(view.status()).isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  @Test
  void outOfOrderStartedAfterSucceededIsIgnored() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask task = f.tasks().get(0);

      f.result(succeeded(task, "1"));
      f.result(scriptApplied(task, "1"));
      f.result(started(task));

      ExecutionView view = f.view("e1");
      assertThat(target(view, task.targetId()).status()).isEqualTo(TargetStatus.SUCCEEDED);
      assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, 1).containsEntry(TargetStatus.RUNNING, 0);
    }
  }

  @Test
  void scriptAppliedIsRecordedOncePerVersion() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask task = f.tasks().get(0);

      f.result(scriptApplied(task, "1"));
      f.result(scriptApplied(task, "1"));
      f.result(scriptApplied(task, "2"));

      TargetState target = target(f.view("e1"), task.targetId());
      assertThat(target.status()).isEqualTo(TargetStatus.RUNNING);
      assertThat(target.applied()).extracting(AppliedScript::version).containsExactly("1", "2");
    }
  }

  @Test
  void resultOfAStaleAttemptIsIgnored() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask first = f.tasks().get(0);
      f.result(failed(first, FailureKind.CONNECTION_REFUSED));

      f.result(succeeded(first, "1"));

      TargetState target = target(f.view("e1"), first.targetId());
      assertThat(target.status()).isEqualTo(TargetStatus.RETRY_SCHEDULED);
      assertThat(target.attempts()).isEqualTo(2);
      assertThat(f.metrics.count("neo.processor.events", "outcome", "stale")).isEqualTo(1);
    }
  }

  @Test
  void resultForAnUnknownExecutionIsDeadLettered() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);

      f.result(new io.neoinfra.schemas.tasks.TaskStarted("t", "nobody", "db-0", 1, "w1", DriverFixture.START));

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("unknown_execution");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(f.topics.shared().results());
    }
  }

  @Test
  void malformedResultIsDeadLetteredAndTheNextOneStillCounts() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      MigrationTask task = f.tasks().get(0);

      f.rawResult("e1", "{\"kind\":\"task_succeeded\",".getBytes(StandardCharsets.UTF_8));
      f.result(succeeded(task, "1"));

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed_json");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.COMPLETED);
    }
  }
}
