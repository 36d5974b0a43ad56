package io.neoinfra.gateway.databases;

import io.neoinfra.gateway.problems.PublishFailedException;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A live check of a registered database, done by a worker: the gateway publishes a {@link HealthRequest} carrying the
 * registry's connection (the password sealed as registered: this gateway cannot and does not open it) and waits up to
 * {@code health-timeout} for the {@link HealthResult} of whichever worker takes it. No answer in time is
 * {@code timeout}. The outcome is a code; no driver message ever reaches the gateway.
 */
class ConnectionHealthCheck implements AutoCloseable {

  record Result(HealthOutcome outcome, Long latencyMs, Instant checkedAt) {}

  private final Producer<String, byte[]> producer;
  private final String requestTopic;
  private final ContractCodec<HealthRequest> requests;
  private final HealthAnswers answers;
  private final Duration timeout;
  private final Semaphore slots;
  private final Clock clock;
  private final ConnectionPolicy policy;

  ConnectionHealthCheck(Producer<String, byte[]> producer, String requestTopic, ContractCodec<HealthRequest> requests,
      HealthAnswers answers, ConnectionSettings settings, Clock clock) {
    this.producer = producer;
    this.requestTopic = requestTopic;
    this.requests = requests;
    this.answers = answers;
    this.timeout = settings.healthTimeout();
    this.slots = new Semaphore(Math.max(1, settings.healthChecksInParallel()));
    this.clock = clock;
    this.policy = settings.policy();
  }

  Result check(DatabaseRecord db) {
    Instant start = clock.instant();
    long deadline = System.nanoTime() + timeout.toNanos();
    Engine engine = db.engine() == null ? Engine.POSTGRESQL : db.engine();
    if (engine == Engine.H2 || db.host() == null) {
      return new Result(HealthOutcome.UNSUPPORTED_ENGINE, 0L, start);
    }
    // A record that breaks the rules, or names an address literal in a denied network, is answered here without
    // asking a worker (which would refuse it the same way): nothing is connected. A host name is checked by the
    // worker's socket on the address it resolves to.
    if (!(ConnectionRules.check(db) instanceof ConnectionCheck.Valid valid)) {
      return new Result(HealthOutcome.INVALID_CONNECTION, 0L, start);
    }
    if (!policy.refusals(valid.connection()).isEmpty()) {
      return new Result(HealthOutcome.ADDRESS_REFUSED, 0L, start);
    }
    try {
      if (!slots.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
        return timedOut(start);
      }
      try {
        if (!answers.awaitReady(Duration.ofNanos(remaining(deadline)))) {
          return timedOut(start);
        }
        return ask(db, engine, start, deadline);
      } finally {
        slots.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timedOut(start);
    }
  }

  private Result ask(DatabaseRecord db, Engine engine, Instant start, long deadline) throws InterruptedException {
    String requestId = "health-" + UUID.randomUUID();
    HealthRequest request = new HealthRequest(requestId, db.databaseId(), new TargetConnection(engine, db.host(),
        db.port(), db.databaseName(), null, db.username(), db.password(), db.passwordRef(), db.tls()), start,
        start.plus(timeout));
    CompletableFuture<HealthResult> answer = answers.expect(requestId);
    try {
      producer.send(new ProducerRecord<>(requestTopic, requestId, requests.write(request)), (metadata, error) -> {
        if (error != null) {
          answer.completeExceptionally(new PublishFailedException(error));
        }
      });
      HealthResult result = answer.get(remaining(deadline), TimeUnit.NANOSECONDS);
      return new Result(HealthOutcome.of(result.outcome()), result.latencyMs(), result.checkedAt());
    } catch (TimeoutException e) {
      return timedOut(start);
    } catch (ExecutionException e) {
      // The broker refused or never took the request: the check could not be asked, like any publish (503).
      throw e.getCause() instanceof PublishFailedException failed ? failed : new PublishFailedException(e.getCause());
    } finally {
      answers.forget(requestId);
    }
  }

  private Result timedOut(Instant start) {
    return new Result(HealthOutcome.TIMEOUT, Duration.between(start, clock.instant()).toMillis(), start);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
