package io.neoinfra.gateway.databases;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Database connections.
 *
 * @param healthTimeout the longest a live health check waits for a worker's answer (default 3s); the request expires
 *     then, so the worker's connect and login fit within it, and no answer in time is {@code timeout}
 * @param healthChecksInParallel live checks waiting for an answer at once at most; more wait for a slot within their
 *     timeout (default 8)
 */
@Validated
@ConfigurationProperties("neo.gateway.connections")
public record ConnectionSettings(
    @DefaultValue("PT3S") @NotNull Duration healthTimeout,
    @DefaultValue("8") int healthChecksInParallel) {}
