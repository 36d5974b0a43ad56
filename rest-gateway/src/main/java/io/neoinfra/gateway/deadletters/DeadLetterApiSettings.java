package io.neoinfra.gateway.deadletters;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Showing and replaying dead letters through the API.
 *
 * @param kafkaTimeout how long a show or replay waits for Kafka without progress before 503 (default 30s)
 * @param defaultRatePerSecond records per second a replay sends when the request names no rate (default 100)
 */
@Validated
@ConfigurationProperties("neo.gateway.deadletters")
public record DeadLetterApiSettings(
    @DefaultValue("PT30S") @NotNull Duration kafkaTimeout,
    @DefaultValue("100") @Min(1) @Max(1000) int defaultRatePerSecond) {}
