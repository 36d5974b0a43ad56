package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once: after a rebalance (or a producer's retry) a task this worker is still running can
 * reach it a second time. The second delivery must not run the task again beside the first.
 */
class DuplicateDeliveryIT {

  @Test
  void aTaskDeliveredAgainWhileItRunsRunsOnceAndReportsOneOutcome() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/slow",
            b -> b.concurrency(4).cancelGrace(Duration.ofSeconds(2)));
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_twice")) {
      // given: a task whose first script sleeps for 60 s, cut short by its 4 s timeout
      var migrate = WorkerFixture.task(WorkerFixture.connectionTo(db)).timeoutSeconds(4).build();

      // when: the same task record is delivered twice while the first delivery runs
      fixture.publish(migrate);
      fixture.publish(migrate);
      TaskFailed failed = fixture.awaitFailure(migrate.taskId());

      // then: one run (one start), one outcome
      assertThat(failed.error().kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(fixture.resultsOf(migrate.taskId())).filteredOn(r -> r instanceof TaskStarted).hasSize(1);
      assertThat(fixture.resultsOf(migrate.taskId()))
          .filteredOn(r -> r instanceof TaskSucceeded || r instanceof TaskFailed).hasSize(1);
    }
  }
}
