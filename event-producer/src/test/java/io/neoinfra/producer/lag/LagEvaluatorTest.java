package io.neoinfra.producer.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagEvaluatorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private final LagEvaluator evaluator = new LagEvaluator(Clock.fixed(NOW, ZoneOffset.UTC), INTERVAL.multipliedBy(11));

  /** A window of samples of group "g" on partition t-0, one per interval, ending now: {committed, logEnd} pairs. */
  private static List<GroupLag> window(int members, long[]... offsets) {
    List<GroupLag> samples = new ArrayList<>();
    for (int i = 0; i < offsets.length; i++) {
      Instant at = NOW.minus(INTERVAL.multipliedBy(offsets.length - 1 - i));
      samples.add(sample(at, members, offsets[i][0], offsets[i][1]));
    }
    return samples;
  }

  private static GroupLag sample(Instant at, int members, long committed, long logEnd) {
    return new GroupLag("g", members > 0 ? "Stable" : "Empty", members, at, List.of(
        new PartitionLag("t", 0, committed, logEnd, logEnd - committed, null, null, null, null, null)));
  }

  private static long[] at(long committed, long logEnd) {
    return new long[] {committed, logEnd};
  }

  @Test
  void groupWithoutLagIsOk() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(1, at(10, 10), at(20, 20), at(30, 30)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
    assertThat(evaluation.partitions()).singleElement().extracting(PartitionEvaluation::reason)
        .isEqualTo(LagReason.NO_LAG);
  }

  @Test
  void lagThatWasZeroWithinTheWindowIsOkEvenIfItGrewSince() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(1, at(10, 10), at(12, 20), at(14, 30)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.LAG_ZERO_IN_WINDOW);
  }

  @Test
  void movingOffsetsWithLagGrowingAcrossTheWholeWindowIsAWarning() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(2, at(10, 15), at(12, 20), at(14, 30), at(16, 40)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.WARNING);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.LAG_GROWING);
  }

  @Test
  void lagThatShrinksOnceInTheWindowIsNotAWarning() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(2, at(10, 15), at(12, 20), at(18, 21), at(19, 30)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.KEEPING_UP);
  }

  @Test
  void membersPresentAndCommittedOffsetNotMovingWithLagIsStalled() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(1, at(10, 15), at(10, 15), at(10, 18)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.STALLED);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.COMMITS_NOT_MOVING);
  }

  @Test
  void noActiveMembersWithLagIsStoppedEvenFromOneSample() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(0, at(10, 15)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.STOPPED);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.NO_ACTIVE_MEMBERS);
  }

  @Test
  void emptyGroupWithoutLagIsOk() {
    assertThat(evaluator.evaluate("g", window(0, at(15, 15), at(15, 15))).status()).isEqualTo(LagStatus.OK);
  }

  @Test
  void oneSampleWithMembersAndLagIsOkForWantOfMovement() {
    GroupEvaluation evaluation = evaluator.evaluate("g", window(1, at(10, 15)));

    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.TOO_FEW_SAMPLES);
  }

  @Test
  void samplesOlderThanTheWindowAreIgnored() {
    // the old samples would make it STALLED; only the latest remains in the window
    List<GroupLag> samples = List.of(
        sample(NOW.minus(Duration.ofHours(2)), 1, 10, 15),
        sample(NOW.minus(Duration.ofHours(1)), 1, 10, 15),
        sample(NOW, 1, 10, 15));

    GroupEvaluation evaluation = evaluator.evaluate("g", samples);

    assertThat(evaluation.samples()).isEqualTo(1);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.TOO_FEW_SAMPLES);
  }

  @Test
  void groupStatusIsTheWorstPartition() {
    Instant earlier = NOW.minus(INTERVAL);
    GroupLag first = new GroupLag("g", "Stable", 1, earlier, List.of(
        new PartitionLag("t", 0, 10L, 10, 0L, null, Duration.ZERO, "c1", "/h", "cl"),
        new PartitionLag("t", 1, 5L, 9, 4L, null, null, "c1", "/h", "cl")));
    GroupLag second = new GroupLag("g", "Stable", 1, NOW, List.of(
        new PartitionLag("t", 0, 20L, 20, 0L, null, Duration.ZERO, "c1", "/h", "cl"),
        new PartitionLag("t", 1, 5L, 12, 7L, null, null, "c1", "/h", "cl")));

    GroupEvaluation evaluation = evaluator.evaluate("g", List.of(second, first));

    assertThat(evaluation.status()).isEqualTo(LagStatus.STALLED);
    assertThat(evaluation.partitions()).extracting(PartitionEvaluation::status)
        .containsExactly(LagStatus.OK, LagStatus.STALLED);
  }

  @Test
  void partitionWithoutCommittedOffsetIsNotJudged() {
    GroupLag sample = new GroupLag("g", "Stable", 1, NOW, List.of(
        new PartitionLag("t", 0, null, 50, null, null, null, "c1", "/h", "cl")));

    GroupEvaluation evaluation = evaluator.evaluate("g", List.of(sample));

    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
    assertThat(evaluation.partitions().get(0).reason()).isEqualTo(LagReason.NO_COMMITTED_OFFSET);
  }

  @Test
  void noSampleInTheWindowGivesAnEmptyOkVerdict() {
    GroupEvaluation evaluation = evaluator.evaluate("g", List.of());

    assertThat(evaluation.samples()).isZero();
    assertThat(evaluation.partitions()).isEmpty();
    assertThat(evaluation.status()).isEqualTo(LagStatus.OK);
  }
}
