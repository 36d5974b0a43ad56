package io.neoinfra.producer.deadletter;

import java.time.Instant;

/**
 * One value of the replay log ({@code <prefix>migration.dlt.replays}, compacted, keyed by {@code <partition>/<offset>}
 * of the dead letter): the last time that dead letter was replayed, by whom and to where.
 *
 * @param deadLetter {@code <dlt topic>/<partition>/<offset>}, as in the replayed record's {@code neo-replayed-from}
 * @param replayCount how many times it was replayed (more than 1 only with {@code force})
 */
public record ReplayLogEntry(
    String deadLetter,
    int partition,
    long offset,
    Instant replayedAt,
    String requestedBy,
    String targetTopic,
    int targetPartition,
    long targetOffset,
    int replayCount) {}
