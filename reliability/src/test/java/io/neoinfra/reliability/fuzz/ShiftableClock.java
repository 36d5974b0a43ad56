package io.neoinfra.reliability.fuzz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset the test can change: the OIDC issuer signs expired tokens with it set back. */
final class ShiftableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  void shift(Duration value) {
    offset = value;
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
    return Instant.now().plus(offset);
  }
}
