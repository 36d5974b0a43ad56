package io.neoinfra.producer.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay report as JSON-ready maps with snake_case keys: the one shape that {@code neo-events dlt replay --json} prints
 * and the gateway's replay endpoint answers, so that a script can switch between them.
 */
public final class ReplayReportJson {

  private ReplayReportJson() {}

  /** The counts and one entry per outcome ({@link #outcome}). */
  public static Map<String, Object> report(ReplayReport report) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dry_run", report.dryRun());
    body.put("replayed", report.replayed());
    body.put("would_replay", report.wouldReplay());
    body.put("already_replayed", report.alreadyReplayed());
    body.put("refused", report.refused());
    List<Map<String, Object>> outcomes = new ArrayList<>();
    report.outcomes().forEach(o -> outcomes.add(outcome(o)));
    body.put("outcomes", outcomes);
    return body;
  }

  /** What became of one dead letter; a mutable map, so that a caller can add its own fields. */
  public static Map<String, Object> outcome(ReplayOutcome outcome) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("partition", outcome.id().partition());
    node.put("offset", outcome.id().offset());
    // Java 17: no pattern matching for switch; the interface is sealed, so these four are all there is
    if (outcome instanceof ReplayOutcome.Replayed replayed) {
      node.put("outcome", "replayed");
      node.put("target_topic", replayed.topic());
      node.put("target_partition", replayed.partition());
      node.put("target_offset", replayed.offset());
      node.put("forced", replayed.forced());
    } else if (outcome instanceof ReplayOutcome.WouldReplay would) {
      node.put("outcome", "would_replay");
      node.put("target_topic", would.topic());
      putPrevious(node, would.previous());
    } else if (outcome instanceof ReplayOutcome.AlreadyReplayed already) {
      node.put("outcome", "already_replayed");
      putPrevious(node, already.previous());
    } else if (outcome instanceof ReplayOutcome.Refused refused) {
      node.put("outcome", "refused");
      node.put("reason", refused.reason().id());
      node.put("detail", refused.detail());
    }
    return node;
  }

  private static void putPrevious(Map<String, Object> node, ReplayLogEntry entry) {
    if (entry == null) {
      return;
    }
    Map<String, Object> previous = new LinkedHashMap<>();
    previous.put("dead_letter", entry.deadLetter());
    previous.put("partition", entry.partition());
    previous.put("offset", entry.offset());
    previous.put("replayed_at", entry.replayedAt() == null ? null : entry.replayedAt().toString());
    previous.put("requested_by", entry.requestedBy());
    previous.put("target_topic", entry.targetTopic());
    previous.put("target_partition", entry.targetPartition());
    previous.put("target_offset", entry.targetOffset());
    previous.put("replay_count", entry.replayCount());
    node.put("previous", previous);
  }
}
