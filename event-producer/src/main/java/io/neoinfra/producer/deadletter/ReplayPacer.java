package io.neoinfra.producer.deadletter;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * The replay's rate limit: a Bucket4j token bucket refilled greedily with {@code rate} tokens per second, holding at most
 * a tenth of a second's worth (so a pause, such as a transaction commit, is never followed by a burst of more than
 * {@code rate / 10} records) and starting with one token (no initial burst). The time source and the way to wait are
 * injectable, so the pacing is tested without waiting.
 */
final class ReplayPacer {

  private final Bucket bucket;
  private final BlockingStrategy blocking;

  private ReplayPacer(Bucket bucket, BlockingStrategy blocking) {
    this.bucket = bucket;
    this.blocking = blocking;
  }

  /** {@code ratePerSecond} records per second; 0 means no limit. */
  static ReplayPacer perSecond(int ratePerSecond) {
    return perSecond(ratePerSecond, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
  }

  static ReplayPacer perSecond(int ratePerSecond, TimeMeter time, BlockingStrategy blocking) {
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("ratePerSecond must be >= 0 (0 = no limit): " + ratePerSecond);
    }
    if (ratePerSecond == 0) {
      return new ReplayPacer(null, blocking);
    }
    Bucket bucket = Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(limit -> limit.capacity(Math.max(1, ratePerSecond / 10))
            .refillGreedy(ratePerSecond, Duration.ofSeconds(1))
            .initialTokens(1))
        .build();
    return new ReplayPacer(bucket, blocking);
  }

  /** Waits until one more record may be sent. */
  void acquire() throws InterruptedException {
    if (bucket != null) {
      bucket.asBlocking().consume(1, blocking);
    }
  }
}
