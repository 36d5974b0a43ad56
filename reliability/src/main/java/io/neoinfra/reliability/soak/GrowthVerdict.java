package io.neoinfra.reliability.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * "No growth that does not level off", computed from a series of samples: the least-squares slope of the last third
 * is compared with that of the first third. A series passes when the growth the last third's slope projects over the
 * last third stays within a tolerance (a share of the series' level, but at least an absolute floor: a few MiB of
 * noise on a 100 MiB heap is not a leak), or when the last third grows at most a quarter as fast as the first (it is
 * levelling off).
 */
public final class GrowthVerdict {

  /** One series' verdict, with the figures it was decided on. */
  public record SeriesVerdict(String series, double firstThirdSlopePerMinute, double lastThirdSlopePerMinute,
      double lastThirdGrowth, double tolerance, boolean levelsOff) {

    public String describe() {
      return String.format("%-28s first third %+9.3f/min, last third %+9.3f/min, last-third growth %+9.2f"
              + " (tolerance %.2f): %s", series, firstThirdSlopePerMinute, lastThirdSlopePerMinute, lastThirdGrowth,
          tolerance, levelsOff ? "levels off" : "GROWS");
    }
  }

  private GrowthVerdict() {}

  /**
   * @param minutes sample times in minutes
   * @param values the series
   * @param relativeTolerance share of the last third's mean level that may still be added over the last third
   * @param absoluteFloor growth over the last third that is always tolerated (same unit as values)
   */
  public static SeriesVerdict judge(String series, List<Double> minutes, List<Double> values,
      double relativeTolerance, double absoluteFloor) {
    if (minutes.size() != values.size()) {
      throw new IllegalArgumentException("times and values differ in length: " + minutes.size() + " vs "
          + values.size());
    }
    // a sample that did not measure this series (a process between restarts, a sparse reading) is left out
    List<Double> times = new ArrayList<>();
    List<Double> measured = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (Double.isFinite(values.get(i))) {
        times.add(minutes.get(i));
        measured.add(values.get(i));
      }
    }
    return judgeMeasured(series, times, measured, relativeTolerance, absoluteFloor);
  }

  private static SeriesVerdict judgeMeasured(String series, List<Double> minutes, List<Double> values,
      double relativeTolerance, double absoluteFloor) {
    int n = values.size();
    if (n < 6) {
      throw new IllegalArgumentException("at least 6 samples are needed to compare thirds, got " + n);
    }
    int third = n / 3;
    double first = slope(minutes.subList(0, third), values.subList(0, third));
    List<Double> lastTimes = minutes.subList(n - third, n);
    List<Double> lastValues = values.subList(n - third, n);
    double last = slope(lastTimes, lastValues);
    double span = lastTimes.get(lastTimes.size() - 1) - lastTimes.get(0);
    double growth = last * span;
    double mean = lastValues.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double tolerance = Math.max(absoluteFloor, relativeTolerance * Math.abs(mean));
    boolean levelsOff = growth <= tolerance || (first > 0 && last <= 0.25 * first);
    return new SeriesVerdict(series, first, last, growth, tolerance, levelsOff);
  }

  static double slope(List<Double> xs, List<Double> ys) {
    int n = xs.size();
    double mx = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double my = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (xs.get(i) - mx) * (ys.get(i) - my);
      den += (xs.get(i) - mx) * (xs.get(i) - mx);
    }
    return den == 0 ? 0 : num / den;
  }

  /**
   * Verdicts for every service's RSS and live heap and every consumer group's lag (heap in use is not judged: see
   * {@link SoakMain}).
   */
  public static List<SeriesVerdict> judgeAll(List<Sample> samples) {
    List<Double> minutes = samples.stream().map(s -> s.elapsedSeconds() / 60).toList();
    List<SeriesVerdict> verdicts = new ArrayList<>();
    for (String service : samples.get(0).rssMb().keySet().stream().sorted().toList()) {
      verdicts.add(judge(service + " rss_mb", minutes,
          samples.stream().map(s -> s.rssMb().getOrDefault(service, Double.NaN)).toList(), 0.10, 24));
      verdicts.add(judge(service + " live_heap_mb", minutes,
          samples.stream().map(s -> s.liveHeapMb().getOrDefault(service, Double.NaN)).toList(), 0.10, 24));
    }
    for (String group : samples.get(0).lag().keySet().stream().sorted().toList()) {
      verdicts.add(judge("lag " + group, minutes,
          samples.stream().map(s -> (double) s.lag().getOrDefault(group, 0L)).toList(), 0.10, 200));
    }
    return verdicts;
  }
}
