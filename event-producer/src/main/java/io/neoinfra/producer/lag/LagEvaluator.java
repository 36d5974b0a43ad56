package io.neoinfra.producer.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges a consumer group from a sliding window of its samples, in the manner of LinkedIn's Burrow: a pure function of
 * the samples and the clock (no Kafka), so the rules are tested with synthetic windows.
 *
 * <p>Per partition, in this order: the lag was zero at some point of the window → OK; no active member and lag → STOPPED;
 * fewer than two samples → OK (too few to see movement); committed offset unchanged across the window with lag →
 * STALLED; lag grew between every pair of samples (offsets moving) → WARNING; else OK. The group is the worst partition.
 * Samples older than {@code maxAge} before now are out of the window, so a monitor that stopped sampling is not judged
 * on stale figures.
 */
public final class LagEvaluator {

  private final Clock clock;
  private final Duration maxAge;

  /**
   * @param clock now, for the window's start
   * @param maxAge how far back the window reaches (typically the sampling interval times the window size)
   */
  public LagEvaluator(Clock clock, Duration maxAge) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    this.maxAge = maxAge;
  }

  private record Point(PartitionLag lag, int members) {}

  /** Evaluates {@code samples} (any order) of one group; samples of other groups are ignored. */
  public GroupEvaluation evaluate(String groupId, List<GroupLag> samples) {
    Instant now = clock.instant();
    Instant windowStart = now.minus(maxAge);
    List<GroupLag> window = samples.stream()
        .filter(s -> s.groupId().equals(groupId))
        .filter(s -> !s.sampledAt().isBefore(windowStart) && !s.sampledAt().isAfter(now))
        .sorted(Comparator.comparing(GroupLag::sampledAt))
        .toList();
    if (window.isEmpty()) {
      return new GroupEvaluation(groupId, LagStatus.OK, now, 0, List.of());
    }
    Map<String, List<Point>> series = new HashMap<>();
    for (GroupLag sample : window) {
      for (PartitionLag partition : sample.partitions()) {
        series.computeIfAbsent(partition.topicPartition(), k -> new ArrayList<>())
            .add(new Point(partition, sample.members()));
      }
    }
    GroupLag latest = window.get(window.size() - 1);
    List<PartitionEvaluation> evaluations = new ArrayList<>();
    LagStatus groupStatus = LagStatus.OK;
    for (PartitionLag current : latest.partitions()) {
      PartitionEvaluation evaluation = evaluatePartition(series.get(current.topicPartition()));
      evaluations.add(evaluation);
      groupStatus = groupStatus.worse(evaluation.status());
    }
    return new GroupEvaluation(groupId, groupStatus, now, window.size(), evaluations);
  }

  private static PartitionEvaluation evaluatePartition(List<Point> points) {
    Point last = points.get(points.size() - 1);
    PartitionLag now = last.lag();
    if (now.lag() == null) {
      return verdict(now, LagStatus.OK, LagReason.NO_COMMITTED_OFFSET);
    }
    if (now.lag() == 0) {
      return verdict(now, LagStatus.OK, LagReason.NO_LAG);
    }
    if (points.stream().anyMatch(p -> p.lag().lag() != null && p.lag().lag() == 0)) {
      return verdict(now, LagStatus.OK, LagReason.LAG_ZERO_IN_WINDOW);
    }
    if (last.members() == 0) {
      return verdict(now, LagStatus.STOPPED, LagReason.NO_ACTIVE_MEMBERS);
    }
    List<PartitionLag> judged = points.stream().map(Point::lag).filter(l -> l.lag() != null).toList();
    if (judged.size() < 2) {
      return verdict(now, LagStatus.OK, LagReason.TOO_FEW_SAMPLES);
    }
    Long firstCommitted = judged.get(0).committedOffset();
    if (judged.stream().allMatch(l -> l.committedOffset().equals(firstCommitted))) {
      return verdict(now, LagStatus.STALLED, LagReason.COMMITS_NOT_MOVING);
    }
    boolean growing = true;
    for (int i = 1; i < judged.size(); i++) {
      if (judged.get(i).lag() <= judged.get(i - 1).lag()) {
        growing = false;
        break;
      }
    }
    return growing
        ? verdict(now, LagStatus.WARNING, LagReason.LAG_GROWING)
        : verdict(now, LagStatus.OK, LagReason.KEEPING_UP);
  }

  private static PartitionEvaluation verdict(PartitionLag lag, LagStatus status, LagReason reason) {
    return new PartitionEvaluation(lag.topic(), lag.partition(), status, reason, lag.lag(), lag.timeLag());
  }
}
