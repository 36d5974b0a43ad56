package io.neoinfra.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GrowthVerdictTest {

  private static final List<Double> MINUTES = IntStream.range(0, 30).mapToObj(i -> (double) i).toList();

  @Test
  void aSeriesThatGrowsThenFlattensLevelsOff() {
    // 200 MiB rising 10 MiB/min for ten minutes, then flat at 300 MiB
    List<Double> values = MINUTES.stream().map(m -> m < 10 ? 200 + 10 * m : 300.0).toList();

    GrowthVerdict.SeriesVerdict verdict = GrowthVerdict.judge("rss", MINUTES, values, 0.10, 24);

    assertThat(verdict.levelsOff()).isTrue();
    assertThat(verdict.lastThirdSlopePerMinute()).isZero();
  }

  @Test
  void aSeriesThatKeepsGrowingAtTheSameRateDoesNotLevelOff() {
    // a leak: 200 MiB + 10 MiB/min for the whole run
    List<Double> values = MINUTES.stream().map(m -> 200 + 10 * m).toList();

    GrowthVerdict.SeriesVerdict verdict = GrowthVerdict.judge("rss", MINUTES, values, 0.10, 24);

    assertThat(verdict.levelsOff()).isFalse();
    assertThat(verdict.describe()).contains("GROWS");
  }

  @Test
  void smallGrowthWithinTheAbsoluteFloorIsNoise() {
    // 1 MiB/min on a 100 MiB heap: 9 MiB over the last third, under the 24 MiB floor
    List<Double> values = MINUTES.stream().map(m -> 100 + m).toList();

    assertThat(GrowthVerdict.judge("heap", MINUTES, values, 0.10, 24).levelsOff()).isTrue();
  }

  @Test
  void growthThatSlowsToAQuarterOfItsFirstRateLevelsOff() {
    // lag: +1000 records/min at first, +200/min at the end (decelerating), far above the tolerance in absolute terms
    List<Double> values = MINUTES.stream().map(m -> m < 10 ? 1000 * m : 10_000 + 200 * (m - 10)).toList();

    assertThat(GrowthVerdict.judge("lag", MINUTES, values, 0.01, 10).levelsOff()).isTrue();
  }

  @Test
  void aSparseSeriesIsJudgedOnTheSamplesThatMeasuredIt() {
    // a live-heap reading every third sample, the others NaN: flat at 40 MiB after a rise, judged on ten points
    List<Double> values = MINUTES.stream().map(m -> m % 3 != 0 ? Double.NaN : m < 10 ? 20 + 2 * m : 40.0).toList();

    GrowthVerdict.SeriesVerdict verdict = GrowthVerdict.judge("live", MINUTES, values, 0.10, 24);

    assertThat(verdict.levelsOff()).isTrue();
    assertThat(verdict.lastThirdSlopePerMinute()).isZero();
  }

  @Test
  void aSeriesWithTooFewMeasuredSamplesIsRefused() {
    List<Double> values = MINUTES.stream().map(m -> m < 3 ? 40.0 : Double.NaN).toList();

    assertThatThrownBy(() -> GrowthVerdict.judge("live", MINUTES, values, 0.1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 6 samples");
  }

  @Test
  void refusesTooFewSamples() {
    assertThatThrownBy(() -> GrowthVerdict.judge("x", List.of(0.0, 1.0), List.of(1.0, 2.0), 0.1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 6 samples");
  }
}
