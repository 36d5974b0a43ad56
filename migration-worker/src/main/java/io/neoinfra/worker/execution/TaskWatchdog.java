package io.neoinfra.worker.execution;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces task timeouts: at the deadline the running statement is cancelled at the database; if the task still runs
 * after the grace period, its connections are aborted. Either way the task ends with an exception and is reported as
 * a retryable timeout; the database rolls the interrupted script's transaction back.
 */
final class TaskWatchdog implements AutoCloseable {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "neo-worker-watchdog");
    thread.setDaemon(true);
    return thread;
  });
  private final ExecutorService aborter = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "neo-worker-abort");
    thread.setDaemon(true);
    return thread;
  });
  private final Duration grace;

  TaskWatchdog(Duration grace) {
    this.grace = grace;
  }

  Guard guard(Duration timeout, CancellableDataSource dataSource) {
    return new Guard(timeout, dataSource);
  }

  /** One task's deadline; {@link #expired()} tells whether it fired, {@link #cancelNow()} fires it early. */
  final class Guard implements AutoCloseable {
    private final CancellableDataSource dataSource;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;
    private volatile ScheduledFuture<?> abort;

    private Guard(Duration timeout, CancellableDataSource dataSource) {
      this.dataSource = dataSource;
      this.deadline = timer.schedule(this::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean expired() {
      return expired.get();
    }

    void cancelNow() {
      deadline.cancel(false);
      fire();
    }

    private void fire() {
      if (expired.compareAndSet(false, true)) {
        dataSource.cancelStatements();
        abort = timer.schedule(() -> dataSource.abortConnections(aborter), grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void close() {
      deadline.cancel(false);
      ScheduledFuture<?> pending = abort;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    aborter.shutdownNow();
  }
}
