package io.neoinfra.schemas.events;

/**
 * How fast an execution moves: at most {@code max_parallel} targets in flight, and once more than
 * {@code failure_threshold_percent} of the targets have failed the remaining ones are SKIPPED.
 */
public record RolloutPolicy(Integer maxParallel, Integer failureThresholdPercent) {

  public static final int DEFAULT_MAX_PARALLEL = 50;
  public static final int DEFAULT_FAILURE_THRESHOLD_PERCENT = 100;

  public static RolloutPolicy defaults() {
    return new RolloutPolicy(DEFAULT_MAX_PARALLEL, DEFAULT_FAILURE_THRESHOLD_PERCENT);
  }

  public int maxParallelOrDefault() {
    return maxParallel == null ? DEFAULT_MAX_PARALLEL : maxParallel;
  }

  public int failureThresholdPercentOrDefault() {
    return failureThresholdPercent == null ? DEFAULT_FAILURE_THRESHOLD_PERCENT : failureThresholdPercent;
  }
}
