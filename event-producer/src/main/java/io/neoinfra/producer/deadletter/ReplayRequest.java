package io.neoinfra.producer.deadletter;

import java.util.Objects;

/**
 * What to replay and how.
 *
 * @param selection the dead letters to replay (by filter, by offsets, or both)
 * @param targetTopic where to send them; {@code null} sends each back to its {@code neo-dlt-source-topic}
 * @param dryRun report what would be replayed, send nothing, write nothing
 * @param ratePerSecond records per second at most; 0 means no limit
 * @param force replay even dead letters the replay log shows as already replayed
 * @param requestedBy who asked, for the replay log (the gateway passes the authenticated user)
 */
public record ReplayRequest(
    DeadLetterFilter selection, String targetTopic, boolean dryRun, int ratePerSecond, boolean force,
    String requestedBy) {

  /** The rate limit when none is given: enough for an operator, gentle on the processor. */
  public static final int DEFAULT_RATE_PER_SECOND = 100;

  public ReplayRequest {
    Objects.requireNonNull(selection, "selection");
    if (targetTopic != null && targetTopic.isBlank()) {
      targetTopic = null;
    }
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("ratePerSecond must be >= 0 (0 = no limit): " + ratePerSecond);
    }
    if (requestedBy == null || requestedBy.isBlank()) {
      throw new IllegalArgumentException("requestedBy is required: the replay log records who replayed");
    }
  }

  public static Builder of(DeadLetterFilter selection) {
    return new Builder(selection);
  }

  /** Builds a request; defaults: original topic, not a dry run, {@value #DEFAULT_RATE_PER_SECOND}/s, no force. */
  public static final class Builder {
    private final DeadLetterFilter selection;
    private String targetTopic;
    private boolean dryRun;
    private int ratePerSecond = DEFAULT_RATE_PER_SECOND;
    private boolean force;
    private String requestedBy;

    private Builder(DeadLetterFilter selection) {
      this.selection = selection;
    }

    /** Send to this topic instead of each record's source topic (default: the source topic). */
    public Builder toTopic(String topic) {
      targetTopic = topic;
      return this;
    }

    /** List what would be replayed without sending (default: {@code false}). */
    public Builder dryRun(boolean value) {
      dryRun = value;
      return this;
    }

    /** Records per second at most, 0 for no limit (default: {@value ReplayRequest#DEFAULT_RATE_PER_SECOND}). */
    public Builder ratePerSecond(int value) {
      ratePerSecond = value;
      return this;
    }

    /** Replay dead letters already replayed (default: {@code false}: they are reported and skipped). */
    public Builder force(boolean value) {
      force = value;
      return this;
    }

    /** Who asks; required. */
    public Builder requestedBy(String value) {
      requestedBy = value;
      return this;
    }

    public ReplayRequest build() {
      return new ReplayRequest(selection, targetTopic, dryRun, ratePerSecond, force, requestedBy);
    }
  }
}
