package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.RollbackRequested;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackTopologyTest {

  private static RollbackRequested rollback(String rollbackId, String executionId) {
    return new RollbackRequested(rollbackId, executionId, RollbackRequested.FLYWAY_UNDO, false, null, "operator",
        null);
  }

  /** Runs e1 over db-0 and db-1 to completion, db-0 applying 1, 2 and 10, db-1 applying 2. */
  private static void completedExecution(DriverFixture f) {
    f.registerShared(2);
    f.publish(request("e1", Scope.REGIONAL));
    List<MigrationTask> tasks = f.tasks();
    f.result(succeeded(tasks.get(0), "1", "2", "10"));
    f.result(succeeded(tasks.get(1), "2"));
  }

  @Test
  void rollbackOfACompletedExecutionUndoesExactlyItsVersionsNewestFirst() {
    try (var f = new DriverFixture()) {
      completedExecution(f);

      f.publish(rollback("rb-1", "e1"));

      List<MigrationTask> undo = f.tasks();
      assertThat(undo).extracting(MigrationTask::operation).containsOnly(MigrationOperation.UNDO);
      assertThat(undo).filteredOn(t -> t.targetId().equals("db-0")).singleElement()
          .satisfies(t -> assertThat(t.undoVersions()).containsExactly("10", "2", "1"));
      assertThat(undo).filteredOn(t -> t.targetId().equals("db-1")).singleElement()
          .satisfies(t -> assertThat(t.undoVersions()).containsExactly("2"));
      ExecutionView view = f.view("rb-1");
      assertThat(view.kind()).isEqualTo(ExecutionKind.ROLLBACK);
      assertThat(view.metadata().rollbackOf()).isEqualTo("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  @Test
  void rollbackCompletesWhenEveryUndoSucceeded() {
    try (var f = new DriverFixture()) {
      completedExecution(f);
      f.publish(rollback("rb-1", "e1"));

      f.tasks().forEach(t -> f.result(succeeded(t, t.undoVersions().toArray(String[]::new))));

      assertThat(f.view("rb-1").status()).isEqualTo(ExecutionStatus.COMPLETED);
    }
  }

  @Test
  void finishedMigrationsAndRollbacksAreTimedByKindAndRollbacksCountedByOutcome() {
    try (var f = new DriverFixture()) {
      completedExecution(f);
      f.publish(rollback("rb-1", "e1"));

      f.tasks().forEach(t -> f.result(succeeded(t, t.undoVersions().toArray(String[]::new))));

      var registry = f.metrics.registry();
      assertThat(registry.get("neo.migration.duration").tags("kind", "migration", "status", "COMPLETED").timer()
          .count()).isEqualTo(1);
      assertThat(registry.get("neo.migration.duration").tags("kind", "rollback", "status", "COMPLETED").timer()
          .count()).isEqualTo(1);
      assertThat(f.metrics.count("neo.rollbacks.executed", "outcome", "completed")).isEqualTo(1);
      assertThat(f.metrics.count("neo.rollbacks.executed", "outcome", "failed")).isZero();
    }
  }

  @Test
  void rollbackOfARunningExecutionIsRejectedAsNotCompleted() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));

      f.publish(rollback("rb-1", "e1"));

      ExecutionView view = f.view("rb-1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(view.reason()).contains("not_completed").contains("target_without_applied_versions: db-0");
    }
  }

  @Test
  void rollbackOfAnUnknownExecutionIsRejected() {
    try (var f = new DriverFixture()) {
      f.publish(rollback("rb-1", "nope"));

      assertThat(f.view("rb-1").reason()).contains("execution_not_found: nope");
    }
  }

  @Test
  void secondRollbackOfTheSameExecutionIsRejectedAsAlreadyRolledBack() {
    try (var f = new DriverFixture()) {
      completedExecution(f);
      f.publish(rollback("rb-1", "e1"));
      f.tasks().forEach(t -> f.result(succeeded(t, t.undoVersions().toArray(String[]::new))));

      f.publish(rollback("rb-2", "e1"));

      assertThat(f.view("rb-2").status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(f.view("rb-2").reason()).contains("already_rolled_back: by rb-1");
    }
  }

  @Test
  void rollbackIsRejectedWhenALaterExecutionMovedATargetFurther() {
    try (var f = new DriverFixture()) {
      completedExecution(f);
      f.advance(Duration.ofSeconds(1));
      f.publish(request("e2", Scope.REGIONAL, null, "db-1"));
      f.result(succeeded(f.tasks().get(0), "3"));

      f.publish(rollback("rb-1", "e1"));

      assertThat(f.view("rb-1").status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(f.view("rb-1").reason()).contains("later_execution_moved_target: db-1 by e2");
    }
  }
}
