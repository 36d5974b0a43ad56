package io.neoinfra.worker.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tasks this worker is running, by task id and attempt. After a rebalance (a missed session timeout, say) the
 * consumer re-reads its partitions from the last committed offset, so a task still running here can be delivered
 * again. Two runs of one task at once would take turns on the target script by script, and each would report only
 * the scripts it happened to apply. A second delivery therefore runs nothing: it finishes with the first run's
 * outcome being written, and so does its offset.
 */
final class RunningTasks {

  private final ConcurrentHashMap<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

  /**
   * Runs {@code run} (which returns once the task ran, with a future that completes when its outcome is written)
   * unless a run under {@code key} is still going on; then returns that run's future instead.
   */
  CompletableFuture<Void> runOnce(String key, Supplier<CompletableFuture<Void>> run) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> first = running.putIfAbsent(key, mine);
    if (first != null) {
      return first;
    }
    CompletableFuture<Void> written;
    try {
      written = run.get();
    } catch (RuntimeException | Error e) {
      running.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    written.whenComplete((ignored, error) -> {
      running.remove(key, mine);
      if (error == null) {
        mine.complete(null);
      } else {
        mine.completeExceptionally(error);
      }
    });
    return mine;
  }

  int size() {
    return running.size();
  }
}
