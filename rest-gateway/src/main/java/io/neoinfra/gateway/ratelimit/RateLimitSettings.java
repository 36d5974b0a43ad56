package io.neoinfra.gateway.ratelimit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token buckets per principal ({@code sub}) and, for unauthenticated traffic, per client address. The defaults let
 * a principal run 50 requests at once and 40 a second for as long as it likes (the bucket refills 42 a second), but
 * answer 429 to 100 back-to-back requests (55 tokens, then the refill rate: 100 requests within a second exceed it).
 *
 * @param enabled whether requests are limited at all (default true)
 * @param principalCapacity burst size per principal (default 55)
 * @param principalRefillPerSecond sustained rate per principal (default 42)
 * @param addressCapacity burst size per address for requests without a valid token (default 100)
 * @param addressRefillPerSecond sustained rate per address for requests without a valid token (default 50)
 * @param maxTrackedKeys buckets kept at most; the least recently used are dropped (default 100000)
 * @param idleExpiry a bucket unused this long is dropped, i.e. refilled (default 10 minutes)
 */
@Validated
@ConfigurationProperties("neo.gateway.rate-limit")
public record RateLimitSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("55") @Positive long principalCapacity,
    @DefaultValue("42") @Positive long principalRefillPerSecond,
    @DefaultValue("100") @Positive long addressCapacity,
    @DefaultValue("50") @Positive long addressRefillPerSecond,
    @DefaultValue("100000") @Positive long maxTrackedKeys,
    @DefaultValue("PT10M") @NotNull Duration idleExpiry) {}
