package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a worker does to a target. {@link #UNDO} is only issued by rollbacks. */
public enum MigrationOperation {
  MIGRATE,
  VALIDATE,
  INFO,
  UNDO;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MigrationOperation fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
