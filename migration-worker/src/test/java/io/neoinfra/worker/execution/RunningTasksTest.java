package io.neoinfra.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A task delivered again while this worker still runs it is not run a second time. */
class RunningTasksTest {

  private final RunningTasks running = new RunningTasks();
  private final AtomicInteger runs = new AtomicInteger();

  private CompletableFuture<Void> run(CompletableFuture<Void> written) {
    runs.incrementAndGet();
    return written;
  }

  @Test
  void aSecondDeliveryWhileTheFirstRunsRunsNothingAndFinishesWithTheFirstOutcome() {
    CompletableFuture<Void> firstWritten = new CompletableFuture<>();
    CompletableFuture<Void> first = running.runOnce("t-1#1", () -> run(firstWritten));

    CompletableFuture<Void> second = running.runOnce("t-1#1", () -> run(CompletableFuture.completedFuture(null)));

    assertThat(runs).hasValue(1);
    assertThat(second).isNotDone();
    firstWritten.complete(null);
    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
  }

  @Test
  void aDeliveryAfterTheFirstOutcomeWasWrittenRunsAgain() {
    running.runOnce("t-1#1", () -> run(CompletableFuture.completedFuture(null)));

    running.runOnce("t-1#1", () -> run(CompletableFuture.completedFuture(null)));

    assertThat(runs).hasValue(2);
    assertThat(running.size()).isZero();
  }

  @Test
  void anotherAttemptOfTheSameTaskIsAnotherRun() {
    running.runOnce("t-1#1", () -> run(new CompletableFuture<>()));

    running.runOnce("t-1#2", () -> run(new CompletableFuture<>()));

    assertThat(runs).hasValue(2);
  }

  @Test
  void anOutcomeThatWasNotWrittenFailsBothDeliveriesSoThatBothAreRetried() {
    CompletableFuture<Void> firstWritten = new CompletableFuture<>();
    CompletableFuture<Void> first = running.runOnce("t-1#1", () -> run(firstWritten));
    CompletableFuture<Void> second = running.runOnce("t-1#1", () -> run(new CompletableFuture<>()));

    firstWritten.completeExceptionally(new IllegalStateException("broker unreachable"));

    assertThat(first).isCompletedExceptionally();
    assertThat(second).isCompletedExceptionally();
    assertThat(running.size()).isZero();
  }

  @Test
  void aRunThatThrowsLeavesTheNextDeliveryFreeToRun() {
    assertThatThrownBy(() -> running.runOnce("t-1#1", () -> {
      throw new IllegalStateException("outcome not written");
    })).isInstanceOf(IllegalStateException.class);

    running.runOnce("t-1#1", () -> run(CompletableFuture.completedFuture(null)));

    assertThat(runs).hasValue(1);
  }
}
