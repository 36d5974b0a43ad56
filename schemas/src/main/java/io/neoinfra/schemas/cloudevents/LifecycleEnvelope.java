package io.neoinfra.schemas.cloudevents;

import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.LifecycleEvent;
import java.net.URI;
import java.time.OffsetDateTime;

/** A lifecycle event with its CloudEvents attributes ({@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_time}). */
public record LifecycleEnvelope(String id, EventType type, URI source, OffsetDateTime time, LifecycleEvent event) {}
