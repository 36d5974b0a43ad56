package io.neoinfra.gateway.publishing;

/** Where a lifecycle event landed: enough to find it again ({@code neo-events tail}). */
public record Published(String topic, int partition, long offset, String eventId, String key) {}
