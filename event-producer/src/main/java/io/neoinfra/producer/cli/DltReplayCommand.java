package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.producer.deadletter.ReplayOutcome;
import io.neoinfra.producer.deadletter.ReplayReportJson;
import io.neoinfra.producer.deadletter.ReplayReport;
import io.neoinfra.producer.deadletter.ReplayRequest;
import io.neoinfra.schemas.serde.NeoJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dlt replay}: sends selected dead letters back (or to a chosen topic), recorded in the replay log. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay dead letters to their source topic (or --to-topic), rate-limited, recorded in the replay "
        + "log; a dead letter replayed before is reported and skipped unless --force. Exit 5 if any was refused.")
final class DltReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();
  @Mixin DeadLetterFilterOptions selection = new DeadLetterFilterOptions();

  @Option(names = "--all", description = "Select every dead letter (required when no filter or --offsets is given).")
  boolean all;

  @Option(names = "--to-topic", paramLabel = "TOPIC",
      description = "Send to this topic instead of each record's neo-dlt-source-topic.")
  String toTopic;

  @Option(names = "--dry-run", description = "List what would be replayed; send and record nothing.")
  boolean dryRun;

  @Option(names = "--rate", defaultValue = "" + ReplayRequest.DEFAULT_RATE_PER_SECOND, paramLabel = "N",
      description = "Records per second at most; 0 for no limit (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--force", description = "Replay again dead letters the replay log shows as replayed.")
  boolean force;

  @Option(names = "--requested-by", defaultValue = "${sys:user.name}", paramLabel = "WHO",
      description = "Who replays, for the replay log (default: the OS user, ${DEFAULT-VALUE}).")
  String requestedBy;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!all && !selection.selectsSomething()) {
      throw new ParameterException(spec.commandLine(),
          "no selection: give filters (--event-type, --error-class, …), --offsets, or --all to replay everything");
    }
    if (rate < 0) {
      throw new ParameterException(spec.commandLine(), "--rate must be >= 0 (0 = no limit)");
    }
    DeadLetters deadLetters = DltCommand.deadLetters(kafka);
    ReplayReport report = deadLetters.replay(ReplayRequest.of(selection.filter())
        .toTopic(toTopic).dryRun(dryRun).ratePerSecond(rate).force(force).requestedBy(requestedBy).build());
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper mapper = NeoJson.newMapper();
    if (json) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("dead_letter_topic", deadLetters.deadLetterTopic());
      node.putAll(ReplayReportJson.report(report));
      out.println(mapper.writeValueAsString(node));
    } else {
      report.outcomes().forEach(o -> out.println(line(o)));
      out.println((report.dryRun() ? "dry run: would replay " + report.wouldReplay() : "replayed " + report.replayed())
          + ", already replayed " + report.alreadyReplayed() + ", refused " + report.refused()
          + " (from " + deadLetters.deadLetterTopic() + ")");
    }
    out.flush();
    return report.refused() > 0 ? CliErrors.REFUSED : 0;
  }

  private static String line(ReplayOutcome outcome) {
    String id = outcome.id().toString();
    if (outcome instanceof ReplayOutcome.Replayed r) {
      return "replayed " + id + " -> " + r.topic() + "/" + r.partition() + "/" + r.offset()
          + (r.forced() ? " (forced: replayed before)" : "");
    }
    if (outcome instanceof ReplayOutcome.WouldReplay w) {
      return "would replay " + id + " -> " + w.topic()
          + (w.previous() != null ? " (forced: already replayed at " + w.previous().replayedAt() + ")" : "");
    }
    if (outcome instanceof ReplayOutcome.AlreadyReplayed a) {
      return "already replayed " + id + " at " + a.previous().replayedAt() + " by " + a.previous().requestedBy()
          + " -> " + a.previous().targetTopic() + "/" + a.previous().targetPartition() + "/"
          + a.previous().targetOffset() + " (skipped; --force to replay again)";
    }
    ReplayOutcome.Refused r = (ReplayOutcome.Refused) outcome;
    return "refused " + id + ": " + r.reason().id() + ": " + r.detail();
  }
}
