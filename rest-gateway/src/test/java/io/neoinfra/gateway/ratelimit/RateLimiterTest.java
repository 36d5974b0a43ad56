package io.neoinfra.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static RateLimitSettings defaults() {
    return new RateLimitSettings(true, 55, 42, 100, 50, 1000, Duration.ofMinutes(10));
  }

  @Test
  void defaultsLetFiftyThroughAtOnceAndRefuseAHundredBackToBack() {
    RateLimiter limiter = new RateLimiter(defaults());
    List<RateLimiter.Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      decisions.add(limiter.chargePrincipal("alice"));
    }
    assertThat(decisions.subList(0, 50)).allMatch(RateLimiter.Decision::allowed);
    assertThat(decisions).anyMatch(d -> !d.allowed());
    assertThat(decisions.stream().filter(d -> !d.allowed()).findFirst().orElseThrow().retryAfterSeconds())
        .isPositive();
  }

  @Test
  void principalsHaveSeparateBuckets() {
    RateLimiter limiter = new RateLimiter(defaults());
    for (int i = 0; i < 100; i++) {
      limiter.chargePrincipal("noisy");
    }
    assertThat(limiter.chargePrincipal("quiet").allowed()).isTrue();
  }

  @Test
  void disabledLimiterAllowsEverything() {
    RateLimiter limiter = new RateLimiter(new RateLimitSettings(false, 1, 1, 1, 1, 10, Duration.ofMinutes(1)));
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.chargePrincipal("p").allowed()).isTrue();
    }
  }
}
