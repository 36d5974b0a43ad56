package io.neoinfra.schemas.tasks;

import java.time.Instant;

/** A worker took the task and is about to touch the database. */
public record TaskStarted(String taskId, String executionId, String targetId, int attempt, String workerId, Instant at)
    implements TaskResult {}
