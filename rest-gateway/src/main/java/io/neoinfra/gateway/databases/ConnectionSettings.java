package io.neoinfra.gateway.databases;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Database connections.
 *
 * @param healthTimeout the longest a live health check may take, connect and login included (default 3s)
 * @param healthChecksInParallel live checks run at once at most; more wait (default 8)
 */
@Validated
@ConfigurationProperties("neo.gateway.connections")
public record ConnectionSettings(
    @DefaultValue("PT3S") @NotNull Duration healthTimeout,
    @DefaultValue("8") int healthChecksInParallel) {}
