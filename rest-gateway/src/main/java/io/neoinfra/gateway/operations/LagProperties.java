package io.neoinfra.gateway.operations;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Consumer-lag sampling: what the lag endpoint and the {@code neo_consumer_*} and {@code neo_events_queue_size}
 * metrics show. Sampling runs on a schedule, never per request or scrape: a scrape reads the last sample.
 *
 * @param enabled whether the gateway samples at all (default true); off, the endpoint answers with no groups
 * @param interval time between two samples (default 30s, at least 100ms)
 * @param windowSize samples per group the evaluation looks at (default 10, at least 2)
 * @param timeout longest a Kafka request of one sample may take (default 10s, at least 1s)
 * @param groups the consumer groups to watch; empty (the default) watches every group, found anew at each sample
 * @param workerGroup the migration workers' group, whose lag on {@code neo.migration.tasks.<priority>} is {@code
 *     neo_events_queue_size{priority}} (default {@code neo-migration-worker}, the worker's default)
 */
@Validated
@ConfigurationProperties("neo.gateway.lag")
public record LagProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT30S") @NotNull Duration interval,
    @DefaultValue("10") @Min(2) @Max(1000) int windowSize,
    @DefaultValue("PT10S") @NotNull Duration timeout,
    List<String> groups,
    @DefaultValue("neo-migration-worker") @NotBlank String workerGroup) {

  public LagProperties {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
