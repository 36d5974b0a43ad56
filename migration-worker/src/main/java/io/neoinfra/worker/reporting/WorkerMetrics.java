package io.neoinfra.worker.reporting;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's Micrometer meters, scraped in Prometheus format: tasks by outcome, task and script durations, active
 * tasks, circuit state per host, the JVM's memory, threads and CPU; HikariCP adds its pool meters ({@code hikaricp_connections_*}) to the same registry.
 */
public final class WorkerMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger active = new AtomicInteger();
  private final Timer scriptDuration;

  public WorkerMetrics() {
    // The JVM's own figures, for the CPU and memory alerts (GC meters would need closing; memory, threads, CPU and
    // uptime don't).
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("neo.worker.tasks.active", active, AtomicInteger::get)
        .description("tasks running now").register(registry);
    scriptDuration = Timer.builder("neo.worker.script.duration").description("one migration or undo script")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  public void taskStarted() {
    active.incrementAndGet();
  }

  /** Counts the task by outcome ({@code succeeded}, or the failure kind) and times it. */
  public void taskFinished(String operation, TaskResult result, Duration took) {
    active.decrementAndGet();
    String outcome = result instanceof TaskFailed failed ? failed.error().kind().wireName() : "succeeded";
    Counter.builder("neo.worker.tasks").tag("operation", operation).tag("outcome", outcome)
        .description("finished tasks").register(registry).increment();
    Timer.builder("neo.worker.task.duration").tag("operation", operation).register(registry).record(took);
  }

  /** A record that was no task at all (unreadable), counted apart from tasks. */
  public void rejected(String reason) {
    Counter.builder("neo.worker.records.rejected").tag("reason", reason).register(registry).increment();
  }

  public void scriptFinished(long millis) {
    scriptDuration.record(Duration.ofMillis(millis));
  }

  /** Exposes every circuit breaker's state: 0 closed, 1 open, 2 half-open, 3 other. */
  public void watch(CircuitBreakerRegistry breakers) {
    breakers.getAllCircuitBreakers().forEach(this::gauge);
    breakers.getEventPublisher().onEntryAdded(event -> gauge(event.getAddedEntry()));
  }

  private void gauge(CircuitBreaker breaker) {
    Gauge.builder("neo.worker.circuit.state", breaker, b -> switch (b.getState()) {
          case CLOSED -> 0;
          case OPEN -> 1;
          case HALF_OPEN -> 2;
          default -> 3;
        })
        .tag("host", breaker.getName())
        .description("0 closed, 1 open, 2 half-open")
        .register(registry);
  }
}
