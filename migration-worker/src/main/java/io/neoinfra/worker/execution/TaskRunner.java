package io.neoinfra.worker.execution;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.connection.ValidConnection;
import io.neoinfra.schemas.crypto.CredentialDecryptionException;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.ScriptApplied;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.worker.connections.HostCircuitBreakers;
import io.neoinfra.worker.connections.TargetPools;
import io.neoinfra.worker.credentials.PasswordRefException;
import io.neoinfra.worker.credentials.TargetPasswords;
import io.neoinfra.worker.failure.FailureClassifier;
import io.neoinfra.worker.flyway.FlywayRunner;
import io.neoinfra.worker.flyway.MigrationBundle;
import io.neoinfra.worker.flyway.MigrationSet;
import io.neoinfra.worker.flyway.OperationOutcome;
import io.neoinfra.worker.flyway.ScriptListener;
import io.neoinfra.worker.reporting.ResultPublisher;
import io.neoinfra.worker.reporting.WorkerMetrics;
import io.neoinfra.worker.rollback.UndoRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one valid task against its target and returns the final result (the caller writes it before committing):
 * resolve the migration set, open or resolve the password in memory, report the start, ask the host's circuit breaker, lease
 * the database's pool, run the operation under the task's deadline, and classify whatever went wrong.
 */
public final class TaskRunner implements AutoCloseable {

  /** Collaborators, grouped so the constructor stays readable. */
  public record Dependencies(
      MigrationBundle bundle, FlywayRunner flyway, UndoRunner undo, TargetPools pools, ConnectionPolicy policy,
      HostCircuitBreakers breakers, TargetPasswords passwords, ResultPublisher results, WorkerMetrics metrics,
      FailureClassifier classifier) {}

  private final Dependencies deps;
  private final Duration defaultTimeout;
  private final String workerId;
  private final Clock clock;
  private final TaskWatchdog watchdog;
  private final Set<TaskWatchdog.Guard> running = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  public TaskRunner(Dependencies deps, Duration defaultTimeout, Duration cancelGrace, String workerId, Clock clock) {
    this.deps = deps;
    this.defaultTimeout = defaultTimeout;
    this.workerId = workerId;
    this.clock = clock;
    this.watchdog = new TaskWatchdog(cancelGrace);
  }

  public TaskResult run(MigrationTask task) {
    long started = System.nanoTime();
    deps.metrics().taskStarted();
    TaskResult result;
    try {
      result = execute(task);
    } catch (RuntimeException e) {
      result = failed(task, deps.classifier().classify(e), null, null);
    }
    deps.metrics().taskFinished(task.operation().wireName(), result, Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  /** Shutdown: cancels every running task at the database; they report {@link FailureKind#WORKER_SHUTDOWN}. */
  public void cancelRunning() {
    shuttingDown = true;
    running.forEach(TaskWatchdog.Guard::cancelNow);
  }

  public int runningTasks() {
    return running.size();
  }

  private TaskResult execute(MigrationTask task) {
    // Again here, whatever the processor checked: nothing reaches a driver unless it passes the rules and policy.
    ConnectionCheck check = deps.policy().check(ConnectionRules.check(task.connection()));
    if (check instanceof ConnectionCheck.Invalid invalid) {
      return failed(task, new TaskError(FailureKind.INVALID_CONNECTION, invalid.describe(), null, null, null), null,
          null);
    }
    ValidConnection connection = ((ConnectionCheck.Valid) check).connection();
    Optional<MigrationSet> set = deps.bundle().set(task.migrationSet());
    if (set.isEmpty()) {
      return failed(task, new TaskError(FailureKind.UNKNOWN_SCOPE, "the bundle " + deps.bundle().location()
          + " has no migration set for scope " + task.migrationSet(), null, null, null), null, null);
    }
    String password;
    try {
      password = deps.passwords().passwordOf(task.connection());
    } catch (CredentialDecryptionException e) {
      // The exception's message names the key id only, never the secret.
      return failed(task, new TaskError(FailureKind.DECRYPTION_FAILED, e.getMessage(), null, null, null), null, null);
    } catch (PasswordRefException e) {
      // Names the reference and why it failed, never what it resolved to.
      return failed(task, new TaskError(FailureKind.CREDENTIAL_UNAVAILABLE, e.getMessage(), null, null, null), null,
          null);
    }
    deps.results().publishProgress(new TaskStarted(task.taskId(), task.executionId(), task.targetId(),
        task.attempt(), workerId, clock.instant()));
    CircuitBreaker breaker = deps.breakers().forTarget(task.connection());
    if (!breaker.tryAcquirePermission()) {
      return failed(task, new TaskError(FailureKind.CIRCUIT_OPEN, "circuit breaker for "
          + HostCircuitBreakers.hostKey(task.connection()) + " is open after repeated connection failures", null, null, null),
          null, null);
    }
    try (TargetPools.Lease lease = deps.pools().lease(connection, task.connection(), password)) {
      TaskError unreachable = probe(lease, breaker);
      if (unreachable != null) {
        return failed(task, unreachable, null, null);
      }
      return runGuarded(task, set.get(), lease);
    }
  }

  /** One connection attempt, recorded by the host's breaker; null when the database answered. */
  private TaskError probe(TargetPools.Lease lease, CircuitBreaker breaker) {
    long started = System.nanoTime();
    try (Connection ignored = lease.dataSource().getConnection()) {
      breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      return null;
    } catch (SQLException e) {
      TaskError error = deps.classifier().classify(e);
      if (error.kind() == FailureKind.ADDRESS_REFUSED) {
        // Refused by our own policy before any packet: says nothing about the host's health.
        breaker.releasePermission();
      } else if (error.kind() == FailureKind.CONNECTION_REFUSED) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      } else {
        // The server answered (bad password, say): nothing wrong with the host.
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
      return error;
    }
  }

  private TaskResult runGuarded(MigrationTask task, MigrationSet set, TargetPools.Lease lease) {
    CancellableDataSource dataSource = new CancellableDataSource(lease.dataSource(),
        connection -> lease.dataSource().evictConnection(connection));
    List<AppliedScript> applied = new ArrayList<>();
    ScriptListener listener = script -> {
      applied.add(script);
      deps.metrics().scriptFinished(script.durationMs());
      deps.results().publishProgress(new ScriptApplied(task.taskId(), task.executionId(), task.targetId(),
          task.attempt(), workerId, clock.instant(), script));
    };
    Duration timeout = task.timeoutSeconds() > 0 ? Duration.ofSeconds(task.timeoutSeconds()) : defaultTimeout;
    try (TaskWatchdog.Guard guard = watchdog.guard(timeout, dataSource)) {
      running.add(guard);
      if (shuttingDown) {
        guard.cancelNow();
      }
      try {
        OperationOutcome outcome = task.operation() == MigrationOperation.UNDO
            ? deps.undo().undo(task, dataSource, set, listener)
            : deps.flyway().run(task, dataSource, set, listener);
        return new TaskSucceeded(task.taskId(), task.executionId(), task.targetId(), task.attempt(), workerId,
            clock.instant(), outcome.versionBefore(), outcome.versionAfter(), outcome.applied(), outcome.pending());
      } catch (RuntimeException e) {
        if (guard.expired()) {
          FailureKind kind = shuttingDown ? FailureKind.WORKER_SHUTDOWN : FailureKind.TIMEOUT;
          String message = shuttingDown ? "worker shut down; the task was cancelled at the database"
              : "task exceeded its timeout of " + timeout.toSeconds() + " s and was cancelled at the database";
          return failed(task, new TaskError(kind, message, null, null, null), null, null);
        }
        TaskError error = deps.classifier().classify(e);
        String current = applied.isEmpty() ? currentVersion(dataSource, set, task) : null;
        return failed(task, error, current, current);
      } finally {
        running.remove(guard);
      }
    }
  }

  /** Best effort, for the report only: where the target stands after a failure that applied nothing. */
  private String currentVersion(CancellableDataSource dataSource, MigrationSet set, MigrationTask task) {
    try {
      var info = deps.flyway().configure(dataSource, set, task.connection().schema()).load().info().current();
      return info == null || info.getVersion() == null ? null : info.getVersion().getVersion();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private TaskFailed failed(MigrationTask task, TaskError error, String before, String after) {
    return new TaskFailed(task.taskId(), task.executionId(), task.targetId(), task.attempt(), workerId,
        clock.instant(), before, after, error);
  }

  @Override
  public void close() {
    watchdog.close();
  }
}
