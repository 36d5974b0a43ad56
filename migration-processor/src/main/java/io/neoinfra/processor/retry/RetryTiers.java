package io.neoinfra.processor.retry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The retry delays: attempt {@code n} that failed waits in tier {@code min(n, tiers) - 1}; tiers grow (5s, 30s, 5m),
 * which makes the back-off exponential, and the last tier repeats if attempts outnumber tiers. The jitter is drawn
 * from a hash of the task id and attempt, so that a replay after a crash (exactly-once reprocessing) computes the
 * same due time as the first run.
 */
public final class RetryTiers {

  private final List<Duration> tiers;
  private final int maxAttempts;
  private final double jitter;

  public RetryTiers(List<Duration> tiers, int maxAttempts, double jitter) {
    List<String> problems = problems(tiers);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, is " + maxAttempts);
    }
    this.tiers = List.copyOf(tiers);
    this.maxAttempts = maxAttempts;
    this.jitter = jitter;
  }

  /** Every broken rule of a tier list. */
  public static List<String> problems(List<Duration> tiers) {
    List<String> problems = new ArrayList<>();
    if (tiers == null || tiers.isEmpty()) {
      problems.add("retry-tiers needs at least one tier");
      return problems;
    }
    for (int i = 0; i < tiers.size(); i++) {
      Duration tier = tiers.get(i);
      if (tier == null || tier.toMillis() < 1000 || tier.toMillis() % 1000 != 0) {
        problems.add("retry tier " + tier + " must be a whole number of seconds, at least 1 s");
      } else if (i > 0 && tiers.get(i - 1) != null && tier.compareTo(tiers.get(i - 1)) <= 0) {
        problems.add("retry tiers must increase: " + name(tiers.get(i - 1)) + " then " + name(tier));
      }
    }
    return problems;
  }

  public List<Duration> tiers() {
    return tiers;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** Every tier's name ({@code 5s}, {@code 30s}, {@code 5m}), the suffix of its topic. */
  public List<String> names() {
    return tiers.stream().map(RetryTiers::name).toList();
  }

  /** The tier for a task whose attempt {@code failedAttempt} failed, or empty when it was the last attempt. */
  public Optional<Duration> tierAfter(int failedAttempt) {
    if (failedAttempt >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(tiers.get(Math.min(failedAttempt, tiers.size()) - 1));
  }

  /** When the retry of {@code failedAttempt} is due: the tier plus a deterministic jitter. */
  public long dueAt(long nowMs, Duration tier, String taskId, int failedAttempt) {
    double fraction = jitter * unit(taskId + "#" + failedAttempt);
    return nowMs + tier.toMillis() + Math.round(tier.toMillis() * fraction);
  }

  /** {@code 5s}, {@code 30s}, {@code 5m}, {@code 2h}: the largest whole unit. */
  public static String name(Duration tier) {
    long s = tier.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  private static double unit(String seed) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(hash).getLong() >>> 11;
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
