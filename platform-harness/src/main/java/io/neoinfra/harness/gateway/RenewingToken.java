package io.neoinfra.harness.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A bearer token that is reused until half its lifetime has passed, then issued again. A client that sends the same
 * token is what the gateway's verified-token cache is for; a fresh token per request would add a signature (here) and
 * a verification (in the gateway) to every call, CPU that a benchmark would take from the platform it measures. A
 * clock that moved back (a test's shifted issuer clock) also gets a new token.
 */
public final class RenewingToken implements Supplier<String> {

  private final Supplier<String> issue;
  private final Duration renewAfter;
  private final Clock clock;
  private String token;
  private Instant issuedAt;

  /**
   * @param issue issues a new token
   * @param lifetime how long an issued token is valid
   * @param clock the issuer's clock
   */
  public RenewingToken(Supplier<String> issue, Duration lifetime, Clock clock) {
    this.issue = Objects.requireNonNull(issue, "issue");
    this.renewAfter = lifetime.dividedBy(2);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (token == null || now.isBefore(issuedAt) || !now.isBefore(issuedAt.plus(renewAfter))) {
      token = issue.get();
      issuedAt = now;
    }
    return token;
  }
}
