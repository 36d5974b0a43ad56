package io.neoinfra.producer.lag;

/** Why a partition got its {@link LagStatus}. */
public enum LagReason {
  /** OK: the latest lag is zero. */
  NO_LAG,
  /** OK: the lag was zero at some point in the window. */
  LAG_ZERO_IN_WINDOW,
  /** OK: the group has no committed offset on the partition, so there is no lag to judge (Kafka shows "-"). */
  NO_COMMITTED_OFFSET,
  /** OK: one sample in the window is not enough to see movement; the verdict may change with the next sample. */
  TOO_FEW_SAMPLES,
  /** OK: offsets move and the lag is not growing across the window. */
  KEEPING_UP,
  /** WARNING: offsets move but the lag grew between every pair of samples. */
  LAG_GROWING,
  /** STALLED: members present, committed offset unchanged across the window, lag above zero. */
  COMMITS_NOT_MOVING,
  /** STOPPED: no active member while there is lag. */
  NO_ACTIVE_MEMBERS
}
