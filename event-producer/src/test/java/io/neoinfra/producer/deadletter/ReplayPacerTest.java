package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

  /** A clock that only moves when the pacer waits: waiting advances it by exactly the time asked for. */
  private static final class FakeTime implements TimeMeter, BlockingStrategy {
    long nanos;
    long waited;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    @Override
    public void park(long parkNanos) {
      nanos += parkNanos;
      waited += parkNanos;
    }
  }

  @Test
  void tenPerSecondLetsTheFirstRecordGoAtOnceThenOneEveryTenthOfASecond() throws Exception {
    FakeTime time = new FakeTime();
    ReplayPacer pacer = ReplayPacer.perSecond(10, time, time);

    pacer.acquire();
    assertThat(time.waited).isZero();
    for (int i = 0; i < 20; i++) {
      pacer.acquire();
    }

    assertThat(Duration.ofNanos(time.waited)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aPauseBuildsUpATenthOfASecondOfBurstAtMost() throws Exception {
    FakeTime time = new FakeTime();
    ReplayPacer pacer = ReplayPacer.perSecond(50, time, time);
    pacer.acquire();
    time.nanos += Duration.ofMinutes(1).toNanos(); // idle for a minute, e.g. committing

    for (int i = 0; i < 5; i++) {
      pacer.acquire();
    }
    assertThat(time.waited).isZero();
    pacer.acquire();

    assertThat(Duration.ofNanos(time.waited)).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void zeroMeansNoLimit() throws Exception {
    FakeTime time = new FakeTime();
    ReplayPacer pacer = ReplayPacer.perSecond(0, time, time);

    for (int i = 0; i < 1_000; i++) {
      pacer.acquire();
    }

    assertThat(time.waited).isZero();
  }
}
