package io.neoinfra.harness.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenewingTokenTest {

  /** A clock a test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();
  private final AtomicInteger issued = new AtomicInteger();
  private final RenewingToken token = new RenewingToken(() -> "token-" + issued.incrementAndGet(),
      Duration.ofMinutes(5), clock);

  @Test
  void theSameTokenIsReusedDuringTheFirstHalfOfItsLifetime() {
    String first = token.get();
    clock.advance(Duration.ofSeconds(149));

    assertThat(token.get()).isEqualTo(first).isEqualTo("token-1");
    assertThat(issued).hasValue(1);
  }

  @Test
  void aNewTokenIsIssuedOnceHalfTheLifetimeHasPassed() {
    token.get();
    clock.advance(Duration.ofSeconds(150));

    assertThat(token.get()).isEqualTo("token-2");
    clock.advance(Duration.ofSeconds(10));
    assertThat(token.get()).isEqualTo("token-2");
  }

  @Test
  void aClockThatMovedBackGetsANewToken() {
    token.get();
    clock.advance(Duration.ofHours(-2));

    assertThat(token.get()).isEqualTo("token-2");
  }
}
