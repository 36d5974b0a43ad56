package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a tenant's tables live: a schema in its region's shared database, or a dedicated database. */
public enum TenantIsolation {
  SCHEMA,
  DATABASE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static TenantIsolation fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
