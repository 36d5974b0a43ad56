package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.producer.lag.GroupEvaluation;
import io.neoinfra.producer.lag.LagMonitor;
import io.neoinfra.producer.lag.LagSettings;
import io.neoinfra.producer.lag.PartitionEvaluation;
import io.neoinfra.producer.lag.PartitionLag;
import io.neoinfra.schemas.serde.NeoJson;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neo-events lag}: per group, topic and partition the figures of {@code kafka-consumer-groups --describe}, the
 * time lag, and a Burrow-style verdict over {@code --samples} samples taken {@code --interval} apart.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
    description = "Consumer lag per group and partition (offsets, lag, time lag) and a Burrow-style evaluation "
        + "(OK, WARNING, STALLED, STOPPED) over several samples. Exit 6 if a group is not OK.")
final class LagCommand implements Callable<Integer> {

  /** Exit code when at least one group's verdict is not OK, for scripts and cron checks. */
  static final int NOT_OK = 6;

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();

  @Option(names = {"-g", "--group"}, paramLabel = "GROUP", description = "Consumer group (repeatable; default: all).")
  List<String> groups = new ArrayList<>();

  @Option(names = "--samples", defaultValue = "1", paramLabel = "N",
      description = "Samples to take before judging (default: ${DEFAULT-VALUE}; movement needs at least 2).")
  int samples;

  @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Time between samples, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--json", description = "Print one JSON object per group.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (samples < 1) {
      throw new ParameterException(spec.commandLine(), "--samples must be at least 1");
    }
    LagSettings settings = LagSettings.of(kafka.bootstrapServers())
        .withKafkaProperties(kafka.clientProperties())
        .withWindow(interval, Math.max(2, samples));
    List<LagMonitor.LagReport> reports;
    try (LagMonitor monitor = new LagMonitor(settings, groups, Clock.systemUTC())) {
      for (int i = 0; i < samples; i++) {
        if (i > 0) {
          Thread.sleep(interval.toMillis()); // a command-line pause between samples, not a test wait
        }
        monitor.sampleNow();
      }
      reports = monitor.reports();
      for (LagMonitor.SamplingFailure failure : monitor.failures()) {
        spec.commandLine().getErr().println("error: group " + failure.groupId() + ": " + failure.error().getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = NeoJson.newMapper();
      for (LagMonitor.LagReport report : reports) {
        out.println(mapper.writeValueAsString(json(mapper, report)));
      }
    } else {
      print(out, reports);
    }
    out.flush();
    boolean allOk = reports.stream().allMatch(r -> r.evaluation().status() == io.neoinfra.producer.lag.LagStatus.OK);
    return allOk ? 0 : NOT_OK;
  }

  private static void print(PrintWriter out, List<LagMonitor.LagReport> reports) {
    if (reports.isEmpty()) {
      out.println("no consumer groups");
      return;
    }
    for (LagMonitor.LagReport report : reports) {
      GroupEvaluation evaluation = report.evaluation();
      out.println();
      out.println("Group " + report.latest().groupId() + ": " + evaluation.status() + " (state "
          + report.latest().state() + ", " + report.latest().members() + " member(s), total lag "
          + report.latest().totalLag() + ", max time lag " + DurationConverter.format(report.latest().maxTimeLag())
          + ", " + evaluation.samples() + " sample(s))");
      out.println();
      TextTable table = new TextTable("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
          "TIME-LAG", "STATUS", "REASON", "CONSUMER-ID", "HOST", "CLIENT-ID");
      List<PartitionLag> partitions = report.latest().partitions();
      for (int i = 0; i < partitions.size(); i++) {
        PartitionLag lag = partitions.get(i);
        PartitionEvaluation verdict = evaluation.partitions().get(i);
        table.row(report.latest().groupId(), lag.topic(), lag.partition(), lag.committedOffset(), lag.logEndOffset(),
            lag.lag(), DurationConverter.format(lag.timeLag()), verdict.status(), verdict.reason(), lag.consumerId(),
            lag.host(), lag.clientId());
      }
      table.print(out);
    }
  }

  private static ObjectNode json(ObjectMapper mapper, LagMonitor.LagReport report) {
    ObjectNode node = mapper.createObjectNode();
    node.put("group", report.latest().groupId());
    node.put("status", report.evaluation().status().name());
    node.put("state", report.latest().state());
    node.put("members", report.latest().members());
    node.put("sampled_at", report.latest().sampledAt().toString());
    node.put("samples", report.evaluation().samples());
    node.put("total_lag", report.latest().totalLag());
    node.put("max_time_lag_ms", report.latest().maxTimeLag().toMillis());
    ArrayNode partitions = node.putArray("partitions");
    List<PartitionLag> lags = report.latest().partitions();
    for (int i = 0; i < lags.size(); i++) {
      PartitionLag lag = lags.get(i);
      PartitionEvaluation verdict = report.evaluation().partitions().get(i);
      ObjectNode p = partitions.addObject();
      p.put("topic", lag.topic());
      p.put("partition", lag.partition());
      p.put("current_offset", lag.committedOffset());
      p.put("log_end_offset", lag.logEndOffset());
      p.put("lag", lag.lag());
      p.put("time_lag_ms", lag.timeLag() == null ? null : lag.timeLag().toMillis());
      p.put("oldest_unconsumed_at", lag.oldestUnconsumedAt() == null ? null : lag.oldestUnconsumedAt().toString());
      p.put("status", verdict.status().name());
      p.put("reason", verdict.reason().name());
      p.put("consumer_id", lag.consumerId());
      p.put("host", lag.host());
      p.put("client_id", lag.clientId());
    }
    return node;
  }
}
