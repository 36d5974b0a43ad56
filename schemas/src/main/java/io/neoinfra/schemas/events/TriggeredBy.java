package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started an execution ({@code metadata.triggered_by}). */
public enum TriggeredBy {
  API,
  DATABASE_CREATED_EVENT,
  TENANT_CREATED_EVENT,
  REPLAY,
  EVENT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static TriggeredBy fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
