package io.neoinfra.schemas.tasks;

import java.time.Instant;

/** One script finished (sent as it finishes, from a Flyway callback), so progress is visible per script. */
public record ScriptApplied(
    String taskId, String executionId, String targetId, int attempt, String workerId, Instant at,
    AppliedScript script)
    implements TaskResult {}
