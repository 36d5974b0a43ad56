package io.neoinfra.schemas.executions;

import io.neoinfra.schemas.events.TriggeredBy;

/** Where an execution came from: {@code triggered_by}, and the CloudEvent id that started it. */
public record ExecutionMetadata(TriggeredBy triggeredBy, String sourceEventId, String rollbackOf) {}
