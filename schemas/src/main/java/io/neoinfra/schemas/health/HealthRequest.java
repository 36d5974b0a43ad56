package io.neoinfra.schemas.health;

import io.neoinfra.schemas.tasks.TargetConnection;
import java.time.Instant;

/**
 * A live check of a registered database, on {@code neo.health.requests} keyed by {@link #requestId()}. The connection
 * is the registry's, password sealed as it was registered: only a worker can open it. A worker that reads the request
 * after {@link #expiresAt()} drops it, because nobody waits for its answer any more.
 */
public record HealthRequest(
    String requestId,
    String databaseId,
    TargetConnection connection,
    Instant requestedAt,
    Instant expiresAt) {}
