package io.neoinfra.worker.health;

import io.neoinfra.schemas.crypto.CredentialDecryptionException;
import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.worker.credentials.PasswordRefException;
import io.neoinfra.worker.credentials.TargetPasswords;
import io.neoinfra.worker.reporting.DeadLetterPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the gateway's health requests: its own consumer (its own group, so a check never waits behind migrations,
 * and any one worker answers each request), its own threads, at most {@code concurrency} probes at once. Opens the
 * sealed password with this worker's keys, probes with {@link HealthProbe} within the request's remaining time, and
 * writes a {@link HealthResult} keyed by the request id. A request read after it expired is dropped: nobody waits for
 * it. A record that is no health request goes to the dead-letter topic with the reason.
 */
public final class HealthResponder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthResponder.class);
  private static final Duration POLL = Duration.ofMillis(200);

  /** What the responder needs; {@code passwords} opens sealed passwords and resolves references as tasks do. */
  public record Dependencies(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
      ContractCodec<HealthRequest> requests, ContractCodec<HealthResult> results, TargetPasswords passwords,
      HealthProbe probe, DeadLetterPublisher deadLetters) {}

  private final Dependencies deps;
  private final String requestTopic;
  private final String resultTopic;
  private final Duration timeout;
  private final String workerId;
  private final Clock clock;
  private final Semaphore slots;
  private final ExecutorService probes;
  private final Thread thread;
  private volatile boolean running;

  public HealthResponder(Dependencies deps, String requestTopic, String resultTopic, int concurrency,
      Duration timeout, String workerId, Clock clock) {
    this.deps = deps;
    this.requestTopic = requestTopic;
    this.resultTopic = resultTopic;
    this.timeout = timeout;
    this.workerId = workerId;
    this.clock = clock;
    this.slots = new Semaphore(concurrency);
    this.probes = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "neo-worker-health-probe");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, "neo-worker-health");
    this.thread.setDaemon(true);
  }

  public void start() {
    running = true;
    thread.start();
  }

  private void run() {
    try {
      deps.consumer().subscribe(List.of(requestTopic));
      while (running) {
        for (ConsumerRecord<String, byte[]> record : deps.consumer().poll(POLL)) {
          handle(record);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("health responder woken up while running", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("health responder stopped", e);
    } finally {
      deps.consumer().close();
    }
  }

  private void handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    Decoded<HealthRequest> decoded = deps.requests().read(record.value());
    if (decoded instanceof Decoded.Invalid<HealthRequest> invalid) {
      try {
        deps.deadLetters().deadLetter(record, invalid.reason().id(), invalid.message());
      } catch (RuntimeException e) {
        // A lost dead letter of a request nobody can answer must not stop the answers to the valid ones.
        log.warn("invalid health request at {}-{}@{} ({}) was not dead-lettered: {}", record.topic(),
            record.partition(), record.offset(), invalid.reason().id(), e.toString());
      }
      return;
    }
    HealthRequest request = ((Decoded.Valid<HealthRequest>) decoded).value();
    // Waiting for a slot blocks only this consumer (the task consumer has its own thread and group); the time waited
    // counts against the request's expiry below.
    boolean acquired = false;
    while (running && !acquired) {
      acquired = slots.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (!acquired) {
      return;
    }
    Duration remaining = Duration.between(clock.instant(), request.expiresAt());
    if (remaining.isNegative() || remaining.isZero()) {
      slots.release();
      log.debug("health request {} expired before a slot was free; dropped", request.requestId());
      return;
    }
    Duration budget = remaining.compareTo(timeout) < 0 ? remaining : timeout;
    probes.execute(() -> {
      try {
        answer(request, budget);
      } catch (RuntimeException e) {
        log.error("health request {} was not answered", request.requestId(), e);
      } finally {
        slots.release();
      }
    });
  }

  private void answer(HealthRequest request, Duration budget) {
    Instant start = clock.instant();
    HealthOutcome outcome = check(request, budget);
    long latency = Duration.between(start, clock.instant()).toMillis();
    HealthResult result = new HealthResult(request.requestId(), request.databaseId(), outcome, Math.max(0, latency),
        start, workerId);
    deps.producer().send(new ProducerRecord<>(resultTopic, request.requestId(), deps.results().write(result)),
        (metadata, error) -> {
          if (error != null) {
            log.warn("answer to health request {} was not written: {}", request.requestId(), error.toString());
          }
        });
  }

  private HealthOutcome check(HealthRequest request, Duration budget) {
    String password;
    try {
      password = deps.passwords().passwordOf(request.connection());
    } catch (CredentialDecryptionException | PasswordRefException e) {
      return HealthOutcome.CREDENTIALS_UNREADABLE;
    }
    return deps.probe().probe(request.connection(), password, budget);
  }

  /** Stops reading, lets running probes finish within their timeout, then closes the consumer. */
  @Override
  public void close() {
    running = false;
    deps.consumer().wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
      probes.shutdown();
      if (!probes.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        probes.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      probes.shutdownNow();
    }
  }
}
