package io.neoinfra.producer.deadletter;

import java.util.List;

/** The outcome of one replay request, per selected dead letter in partition/offset order. */
public record ReplayReport(boolean dryRun, List<ReplayOutcome> outcomes) {

  public ReplayReport {
    outcomes = List.copyOf(outcomes);
  }

  public long replayed() {
    return count(ReplayOutcome.Replayed.class);
  }

  public long wouldReplay() {
    return count(ReplayOutcome.WouldReplay.class);
  }

  public long alreadyReplayed() {
    return count(ReplayOutcome.AlreadyReplayed.class);
  }

  public long refused() {
    return count(ReplayOutcome.Refused.class);
  }

  private long count(Class<? extends ReplayOutcome> type) {
    return outcomes.stream().filter(type::isInstance).count();
  }
}
