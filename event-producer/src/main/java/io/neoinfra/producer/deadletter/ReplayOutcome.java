package io.neoinfra.producer.deadletter;

/** What a replay did with one dead letter. */
public sealed interface ReplayOutcome {

  DeadLetterId id();

  /** Sent to {@code topic} at {@code partition}/{@code offset}, and recorded in the replay log. */
  record Replayed(DeadLetterId id, String topic, int partition, long offset, boolean forced)
      implements ReplayOutcome {}

  /** A dry run: would be sent to {@code topic}. */
  record WouldReplay(DeadLetterId id, String topic, ReplayLogEntry previous) implements ReplayOutcome {}

  /** Skipped: the replay log shows it was replayed before (pass {@code force} to replay it again). */
  record AlreadyReplayed(DeadLetterId id, ReplayLogEntry previous) implements ReplayOutcome {}

  /** Not replayed, for a reason an operator can act on. */
  record Refused(DeadLetterId id, RefusalReason reason, String detail) implements ReplayOutcome {}
}
