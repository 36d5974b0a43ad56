package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.started;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How often the progress view of a running execution is written: every second, and once per second per ten targets
 * above ten (the defaults are 1 s and 1,000; ten keeps the executions small).
 */
class ProgressViewCadenceTopologyTest {

  private static final Duration SECOND = Duration.ofSeconds(1);

  private static DriverFixture withOneSecondViews() {
    return new DriverFixture(s -> s.withViewCadence(SECOND, 10));
  }

  /** Views of {@code executionId} written while a task of it starts each second, for {@code seconds} seconds. */
  private static int progressViewsOver(DriverFixture f, String executionId, int seconds) {
    List<MigrationTask> tasks = f.tasks();
    int before = f.viewsOf(executionId).size();
    for (int i = 0; i < seconds; i++) {
      f.result(started(tasks.get(i)));
      f.advance(SECOND);
    }
    return f.viewsOf(executionId).size() - before;
  }

  @Test
  void anExecutionOfUpToTheTargetsPerIntervalWritesItsProgressEveryInterval() {
    try (var f = withOneSecondViews()) {
      f.registerShared(10);
      f.publish(request("e1", Scope.REGIONAL));

      assertThat(progressViewsOver(f, "e1", 6)).isEqualTo(6);
    }
  }

  @Test
  void aLargerExecutionWritesItsProgressOncePerIntervalPerThatManyTargets() {
    try (var f = withOneSecondViews()) {
      f.registerShared(25);
      f.publish(request("e1", Scope.REGIONAL));

      assertThat(progressViewsOver(f, "e1", 6)).isEqualTo(2);
      assertThat(f.view("e1").counts()).containsEntry(TargetStatus.RUNNING, 6);
    }
  }

  @Test
  void aLargerExecutionStillWritesItsEndAtOnce() {
    try (var f = withOneSecondViews()) {
      f.registerShared(15);
      f.publish(request("e1", Scope.REGIONAL));

      // every target succeeds without the clock moving: no flush could have written the end
      int succeeded = 0;
      while (succeeded < 15) {
        for (MigrationTask task : f.tasks()) {
          f.result(succeeded(task, "1"));
          succeeded++;
        }
      }

      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(f.view("e1").counts()).containsEntry(TargetStatus.SUCCEEDED, 15);
    }
  }
}
