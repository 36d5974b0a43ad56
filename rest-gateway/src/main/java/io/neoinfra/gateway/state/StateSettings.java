package io.neoinfra.gateway.state;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local read view of the compacted topics.
 *
 * @param pendingTtl how long something this gateway published is served as PENDING while the processor has not yet
 *     written it (default 5 minutes)
 * @param deadLetterCapacity how many of the newest dead letters are kept for listing (default 10000)
 * @param pollTimeout the view consumer's poll timeout; bounds how late a change reaches SSE clients (default 100ms)
 * @param topicRetry how often topics that do not exist yet are looked up again (default 5s)
 * @param summaryMaxAge how long a summary of the view (status per scope, running executions) is reused while the
 *     view is unchanged (default 1s); any change recomputes it at once, the age only bounds how late an expired
 *     pending entry leaves it
 */
@Validated
@ConfigurationProperties("neo.gateway.state")
public record StateSettings(
    @DefaultValue("PT5M") @NotNull Duration pendingTtl,
    @DefaultValue("10000") @Positive int deadLetterCapacity,
    @DefaultValue("PT0.1S") @NotNull Duration pollTimeout,
    @DefaultValue("PT5S") @NotNull Duration topicRetry,
    @DefaultValue("PT1S") @NotNull Duration summaryMaxAge) {}
