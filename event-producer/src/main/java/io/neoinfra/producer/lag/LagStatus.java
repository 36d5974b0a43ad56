package io.neoinfra.producer.lag;

/** A Burrow-style verdict on a partition or a group, from best to worst. */
public enum LagStatus {
  /** No lag, lag that reached zero within the window, or lag that is not growing while offsets move. */
  OK(0),
  /** Committed offsets move, but the lag grew across the whole window: the group falls behind. */
  WARNING(1),
  /** Members are present, the committed offset did not move over the window, and there is lag. */
  STALLED(2),
  /** No active member (group empty or gone) while there is lag: nobody is consuming. */
  STOPPED(3);

  private final int code;

  LagStatus(int code) {
    this.code = code;
  }

  /** A stable number for gauges: 0 OK, 1 WARNING, 2 STALLED, 3 STOPPED. */
  public int code() {
    return code;
  }

  public LagStatus worse(LagStatus other) {
    return other.code > code ? other : this;
  }
}
