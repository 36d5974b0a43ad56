package io.neoinfra.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import java.time.Duration;
import java.util.Locale;

/**
 * The processor's Micrometer meters. Names follow Micrometer's dot convention; a Prometheus registry renders them as
 * {@code neo_processor_events_total{type,outcome}} and so on. Consumer lag comes from Kafka Streams' own client
 * metrics, bound by {@code MigrationProcessor} through Micrometer's {@code KafkaStreamsMetrics}.
 */
public final class ProcessorMetrics {

  private final MeterRegistry registry;

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A lifecycle event or result handled: {@code type} is its kind, {@code outcome} what became of it. */
  public void event(String type, Outcome outcome) {
    Counter.builder("neo.processor.events").description("records handled by type and outcome")
        .tag("type", type).tag("outcome", outcome.id()).register(registry).increment();
  }

  /** An execution entered {@code status}. */
  public void execution(Enum<?> status) {
    Counter.builder("neo.processor.executions").description("executions that entered a status")
        .tag("status", status.name()).register(registry).increment();
  }

  /** A replayed task's result re-opened a FAILED target. */
  public void reopened() {
    Counter.builder("neo.processor.replays.reopened").description("FAILED targets re-opened by a replayed task")
        .register(registry).increment();
  }

  /**
   * An execution ended in {@code status} after {@code took} (from its start): {@code neo_migration_duration_seconds}
   * with {@code kind} migration or rollback, and for a rollback {@code neo_rollbacks_executed_total{outcome}}.
   */
  public void finished(ExecutionKind kind, ExecutionStatus status, Duration took) {
    String kindId = (kind == null ? ExecutionKind.MIGRATION : kind).name().toLowerCase(Locale.ROOT);
    Timer.builder("neo.migration.duration").description("executions from start to end, by kind and final status")
        .tag("kind", kindId).tag("status", status.name())
        .publishPercentileHistogram()
        // Executions take from milliseconds (nothing to do) to hours (a large fleet): the buckets must span both.
        .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(2))
        .register(registry).record(took.isNegative() ? Duration.ZERO : took);
    if (kind == ExecutionKind.ROLLBACK) {
      Counter.builder("neo.rollbacks.executed").description("rollbacks that ended, by outcome")
          .tag("outcome", status == ExecutionStatus.COMPLETED ? "completed" : "failed")
          .register(registry).increment();
    }
  }

  /** A task was sent to a retry tier. */
  public void retry(String tier) {
    Counter.builder("neo.processor.retries").description("tasks sent to a retry tier")
        .tag("tier", tier).register(registry).increment();
  }

  /** A task was re-issued because its deadline passed with no result. */
  public void deadlineReissue() {
    Counter.builder("neo.processor.deadline.reissues").description("tasks re-issued after their deadline")
        .register(registry).increment();
  }

  /** A record went to the dead-letter topic; {@code errorClass} is the DLT error class header. */
  public void deadLetter(String source, String errorClass) {
    Counter.builder("neo.processor.dead.letters").description("records sent to the dead-letter topic")
        .tag("source", source).tag("error_class", errorClass).register(registry).increment();
  }

  /** A Kafka Streams error handler caught something that the processors did not (a bug or a broker error). */
  public void handlerCaught(String handler) {
    Counter.builder("neo.processor.handler.errors").description("errors caught by Kafka Streams handlers")
        .tag("handler", handler).register(registry).increment();
  }

  public double count(String name, String... tags) {
    var search = registry.find(name);
    if (tags.length > 0) {
      search = search.tags(tags);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }

  /** What became of a handled record. */
  public enum Outcome {
    PROCESSED,
    DEAD_LETTERED,
    DUPLICATE,
    STALE,
    IGNORED,
    REJECTED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
