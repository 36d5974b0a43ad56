package io.neoinfra.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The buckets (Bucket4j, in memory, per gateway replica) and the decisions taken from them. */
@Component
public final class RateLimiter {

  /** The outcome for one request: allowed, or how long to wait. */
  public record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    static final Decision UNLIMITED = new Decision(true, Long.MAX_VALUE, 0);
  }

  private final RateLimitSettings settings;
  private final TimeMeter time;
  private final Cache<String, Bucket> principals;
  private final Cache<String, Bucket> addresses;

  /** Buckets on the system's monotonic clock. */
  public RateLimiter(RateLimitSettings settings) {
    this(settings, TimeMeter.SYSTEM_NANOTIME);
  }

  /** Buckets on {@code time}: tests control it to make rate decisions independent of the machine's speed. */
  @org.springframework.beans.factory.annotation.Autowired
  public RateLimiter(RateLimitSettings settings, org.springframework.beans.factory.ObjectProvider<TimeMeter> time) {
    this(settings, time.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME));
  }

  public RateLimiter(RateLimitSettings settings, TimeMeter time) {
    this.settings = settings;
    this.time = time;
    this.principals = Caffeine.newBuilder().maximumSize(settings.maxTrackedKeys())
        .expireAfterAccess(settings.idleExpiry()).build();
    this.addresses = Caffeine.newBuilder().maximumSize(settings.maxTrackedKeys())
        .expireAfterAccess(settings.idleExpiry()).build();
  }

  public Decision chargePrincipal(String principal) {
    if (!settings.enabled()) {
      return Decision.UNLIMITED;
    }
    Bucket bucket = principals.get(principal,
        k -> bucket(settings.principalCapacity(), settings.principalRefillPerSecond()));
    return decide(bucket.tryConsumeAndReturnRemaining(1));
  }

  public Decision chargeAddress(HttpServletRequest request) {
    if (!settings.enabled()) {
      return Decision.UNLIMITED;
    }
    return decide(addressBucket(request).tryConsumeAndReturnRemaining(1));
  }

  /** Whether the address has used up its allowance, without charging it (checked before authentication). */
  public Decision peekAddress(HttpServletRequest request) {
    if (!settings.enabled()) {
      return Decision.UNLIMITED;
    }
    EstimationProbe probe = addressBucket(request).estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? new Decision(true, probe.getRemainingTokens(), 0)
        : new Decision(false, 0, seconds(probe.getNanosToWaitForRefill()));
  }

  private Bucket addressBucket(HttpServletRequest request) {
    return addresses.get(request.getRemoteAddr(),
        k -> bucket(settings.addressCapacity(), settings.addressRefillPerSecond()));
  }

  private static Decision decide(ConsumptionProbe probe) {
    if (probe.isConsumed()) {
      return new Decision(true, probe.getRemainingTokens(), 0);
    }
    return new Decision(false, 0, seconds(probe.getNanosToWaitForRefill()));
  }

  // Retry-After is whole seconds: round up, and never say 0.
  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }

  private Bucket bucket(long capacity, long refillPerSecond) {
    return Bucket.builder()
        .withCustomTimePrecision(time)
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build())
        .build();
  }

}
