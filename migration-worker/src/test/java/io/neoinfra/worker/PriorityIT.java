package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Kafka has no priorities; the worker's pause/resume gives them. */
class PriorityIT {

  private static final int BACKLOG = 5000;

  @Test
  void criticalTaskQueuedBehindFiveThousandLowTasksStartsBeforeTheBacklogDrains() {
    try (WorkerFixture fixture = WorkerFixture.withoutWorker()) {
      // given: 5,000 low tasks queued, then one critical task behind them; one execution, so all results land on
      // one partition in the order the worker reported them
      String execution = "exec-" + UUID.randomUUID();
      TargetConnection target = WorkerFixture.h2("neo_prio_" + UUID.randomUUID().toString().replace("-", ""));
      List<MigrationTask> low = IntStream.range(0, BACKLOG)
          .mapToObj(i -> WorkerFixture.task(target).operation(MigrationOperation.INFO).priority(Priority.LOW)
              .execution(execution).build())
          .toList();
      MigrationTask critical = WorkerFixture.task(target).operation(MigrationOperation.INFO)
          .priority(Priority.CRITICAL).execution(execution).build();
      fixture.publishAll(low);
      fixture.publish(critical);

      // when: a worker starts on that backlog
      fixture.worker = MigrationWorker.start(fixture.settings("classpath:bundles/basic").concurrency(4).build());
      fixture.awaitSuccess(critical.taskId());

      // then: only a handful of low tasks (those already fetched or running) started before the critical one
      List<TaskResult> started = fixture.results.stream().filter(TaskStarted.class::isInstance).toList();
      int criticalAt = IntStream.range(0, started.size())
          .filter(i -> started.get(i).taskId().equals(critical.taskId())).findFirst().orElseThrow();
      assertThat(criticalAt).isLessThan(50);
      assertThat(criticalAt).isLessThan(BACKLOG);
    }
  }
}
