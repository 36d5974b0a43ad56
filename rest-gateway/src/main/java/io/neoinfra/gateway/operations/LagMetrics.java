package io.neoinfra.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.neoinfra.producer.lag.LagMonitor.LagReport;
import io.neoinfra.producer.lag.LagStatus;
import io.neoinfra.producer.lag.PartitionLag;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lag figures as gauges (names agreed in deploy/prometheus/agreed-metrics.txt): {@code neo_consumer_lag_records}
 * and {@code neo_consumer_lag_seconds} per group, topic and partition, {@code neo_consumer_group_status} per group and
 * status (1 for the current one, 0 for the others), and {@code neo_events_queue_size} per priority: the worker group's
 * lag on that priority's task topic. Rows are replaced after every sample, so a group or partition that went away
 * leaves.
 */
final class LagMetrics {

  private final Topics topics;
  private final String workerGroup;
  private final MultiGauge lagRecords;
  private final MultiGauge lagSeconds;
  private final MultiGauge groupStatus;
  private final MultiGauge queueSize;

  LagMetrics(MeterRegistry registry, Topics topics, String workerGroup) {
    this.topics = topics;
    this.workerGroup = workerGroup;
    this.lagRecords = MultiGauge.builder("neo.consumer.lag.records")
        .description("Records the group has not consumed yet (log-end offset minus committed offset)")
        .register(registry);
    this.lagSeconds = MultiGauge.builder("neo.consumer.lag.seconds")
        .description("Age of the oldest record the group has not consumed yet")
        .register(registry);
    this.groupStatus = MultiGauge.builder("neo.consumer.group.status")
        .description("Burrow-style evaluation of the group: 1 for its current status, 0 for the others")
        .register(registry);
    this.queueSize = MultiGauge.builder("neo.events.queue.size")
        .description("Tasks waiting for a worker per priority: the worker group's lag on the task topic")
        .register(registry);
    publish(List.of()); // the queue sizes exist (at 0) before the first sample
  }

  void publish(List<LagReport> reports) {
    List<MultiGauge.Row<?>> records = new ArrayList<>();
    List<MultiGauge.Row<?>> seconds = new ArrayList<>();
    List<MultiGauge.Row<?>> status = new ArrayList<>();
    long[] queued = new long[Priority.values().length];
    for (LagReport report : reports) {
      String group = report.latest().groupId();
      for (PartitionLag partition : report.latest().partitions()) {
        Tags tags = Tags.of("group", group, "topic", partition.topic(),
            "partition", Integer.toString(partition.partition()));
        records.add(MultiGauge.Row.of(tags, partition.lagOrZero()));
        if (partition.timeLag() != null) {
          seconds.add(MultiGauge.Row.of(tags, partition.timeLag().toMillis() / 1000.0));
        }
        if (group.equals(workerGroup)) {
          for (Priority priority : Priority.values()) {
            if (partition.topic().equals(topics.tasks(priority))) {
              queued[priority.ordinal()] += partition.lagOrZero();
            }
          }
        }
      }
      for (LagStatus candidate : LagStatus.values()) {
        status.add(MultiGauge.Row.of(Tags.of("group", group, "status", candidate.name()),
            candidate == report.evaluation().status() ? 1 : 0));
      }
    }
    List<MultiGauge.Row<?>> queues = new ArrayList<>();
    for (Priority priority : Priority.values()) {
      queues.add(MultiGauge.Row.of(Tags.of("priority", priority.name().toLowerCase(Locale.ROOT)),
          queued[priority.ordinal()]));
    }
    lagRecords.register(records, true);
    lagSeconds.register(seconds, true);
    groupStatus.register(status, true);
    queueSize.register(queues, true);
  }
}
