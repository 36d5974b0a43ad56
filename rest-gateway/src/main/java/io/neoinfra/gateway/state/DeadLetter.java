package io.neoinfra.gateway.state;

import java.time.Instant;
import java.util.Map;

/**
 * One record of {@code neo.migration.dlt}: where it is, and its {@code neo-dlt-*} headers. The original value is not
 * kept: it may hold encrypted credentials, and the CLI replays from the topic itself.
 */
public record DeadLetter(
    String topic, int partition, long offset, String key, Instant timestamp, Map<String, String> headers) {}
