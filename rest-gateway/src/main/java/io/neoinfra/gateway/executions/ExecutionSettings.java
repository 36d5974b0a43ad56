package io.neoinfra.gateway.executions;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Execution reads and live progress.
 *
 * @param defaultLimit page size of the list when {@code limit} is not given (default 50)
 * @param maxLimit the largest {@code limit} accepted; more is 422 (default 500)
 * @param progressTimeout how long one SSE progress stream stays open at most (default 30 minutes)
 * @param progressSenders threads that push progress events to SSE clients (default 2)
 */
@Validated
@ConfigurationProperties("neo.gateway.executions")
public record ExecutionSettings(
    @DefaultValue("50") @Positive int defaultLimit,
    @DefaultValue("500") @Positive int maxLimit,
    @DefaultValue("PT30M") @NotNull Duration progressTimeout,
    @DefaultValue("2") @Positive int progressSenders) {}
