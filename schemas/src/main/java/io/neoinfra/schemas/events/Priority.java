package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgently a lifecycle event or a task is handled. Kafka has no priorities: each one is a topic. */
public enum Priority {
  CRITICAL,
  HIGH,
  NORMAL,
  LOW;

  /** The lower-case name used on the wire and in topic names ({@code neo.lifecycle.critical}). */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Priority fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
