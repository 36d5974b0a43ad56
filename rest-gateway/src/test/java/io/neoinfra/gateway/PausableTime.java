package io.neoinfra.gateway;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limiter's clock in tests: the system's monotonic time, which a test may stop and move by hand, so that
 * "100 back-to-back" and "40 a second" mean exactly that however busy the machine is.
 */
final class PausableTime implements TimeMeter {

  private final AtomicLong pausedAt = new AtomicLong(-1);
  private final AtomicLong offset = new AtomicLong();

  @Override
  public long currentTimeNanos() {
    long paused = pausedAt.get();
    return paused >= 0 ? paused : System.nanoTime() + offset.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  void pause() {
    pausedAt.set(System.nanoTime() + offset.get());
  }

  void advanceMillis(long millis) {
    pausedAt.addAndGet(millis * 1_000_000);
  }

  /** Runs on from where it stood (time spent paused never happened). */
  void resume() {
    long paused = pausedAt.getAndSet(-1);
    if (paused >= 0) {
      offset.set(paused - System.nanoTime());
    }
  }
}
