package io.neoinfra.gateway.operations;

import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.producer.lag.GroupEvaluation;
import io.neoinfra.producer.lag.LagMonitor;
import io.neoinfra.producer.lag.LagMonitor.LagReport;
import io.neoinfra.producer.lag.PartitionEvaluation;
import io.neoinfra.producer.lag.PartitionLag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consumer lag per group, topic and partition (offset lag and time lag) with the Burrow-style evaluation per group,
 * from the last sample of the gateway's {@link LagMonitor} (taken every {@code neo.gateway.lag.interval}).
 */
@RestController
@RequestMapping("/api/v1/operations")
@Tag(name = "operations")
class ConsumerLagController {

  // Kafka's own rule for group ids is looser; this one keeps odd characters out of the answer and the logs.
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private final LagMonitor monitor;
  private final LagProperties settings;

  ConsumerLagController(LagMonitor monitor, LagProperties settings) {
    this.monitor = monitor;
    this.settings = settings;
  }

  @GetMapping("/consumer-lag")
  @Operation(summary = "Per consumer group: state, members, per partition the committed and log-end offsets, the lag "
      + "in records and seconds, and the evaluation (OK, WARNING, STALLED, STOPPED) with its reason; ?group= for one "
      + "group (404 when it was not sampled)")
  Map<String, Object> consumerLag(@RequestParam(required = false) String group) {
    List<LagReport> reports;
    if (group != null) {
      if (!GROUP.matcher(group).matches()) {
        throw InvalidRequestException.of("group", "pattern", "must match " + GROUP.pattern());
      }
      reports = List.of(monitor.report(group)
          .orElseThrow(() -> new ApiProblemException(io.neoinfra.gateway.problems.ProblemType.NOT_FOUND,
              "no sample of consumer group " + group + " (unknown, or not sampled yet)")));
    } else {
      reports = monitor.reports();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sampling_interval_seconds", settings.interval().toMillis() / 1000.0);
    body.put("groups", reports.stream().map(ConsumerLagController::group).toList());
    body.put("failures", monitor.failures().stream()
        .filter(f -> group == null || group.equals(f.groupId()))
        .map(f -> Map.of("group", f.groupId(), "code", f.error().code().name(), "message", f.error().getMessage()))
        .toList());
    return body;
  }

  private static Map<String, Object> group(LagReport report) {
    GroupEvaluation evaluation = report.evaluation();
    Map<String, PartitionEvaluation> verdicts = new LinkedHashMap<>();
    evaluation.partitions().forEach(p -> verdicts.put(p.topic() + "-" + p.partition(), p));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("group", report.latest().groupId());
    body.put("state", report.latest().state());
    body.put("members", report.latest().members());
    body.put("sampled_at", report.latest().sampledAt());
    body.put("status", evaluation.status().name());
    body.put("samples_evaluated", evaluation.samples());
    body.put("total_lag", report.latest().totalLag());
    body.put("max_time_lag_seconds", seconds(report.latest().maxTimeLag()));
    List<Map<String, Object>> partitions = new ArrayList<>();
    for (PartitionLag lag : report.latest().partitions()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("topic", lag.topic());
      p.put("partition", lag.partition());
      p.put("committed_offset", lag.committedOffset());
      p.put("log_end_offset", lag.logEndOffset());
      p.put("lag", lag.lag());
      p.put("time_lag_seconds", lag.timeLag() == null ? null : seconds(lag.timeLag()));
      p.put("oldest_unconsumed_at", lag.oldestUnconsumedAt());
      PartitionEvaluation verdict = verdicts.get(lag.topicPartition());
      p.put("status", verdict == null ? null : verdict.status().name());
      p.put("reason", verdict == null ? null : verdict.reason().name());
      p.put("consumer_id", lag.consumerId());
      p.put("host", lag.host());
      p.put("client_id", lag.clientId());
      partitions.add(p);
    }
    body.put("partitions", partitions);
    return body;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
