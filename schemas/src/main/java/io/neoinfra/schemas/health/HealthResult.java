package io.neoinfra.schemas.health;

import java.time.Instant;

/**
 * A worker's answer to a {@link HealthRequest}, on {@code neo.health.results} keyed by the request id.
 * {@code latency_ms} is how long the worker took to connect, log in and ask the database whether the connection is
 * valid.
 */
public record HealthResult(
    String requestId,
    String databaseId,
    HealthOutcome outcome,
    long latencyMs,
    Instant checkedAt,
    String workerId) {}
