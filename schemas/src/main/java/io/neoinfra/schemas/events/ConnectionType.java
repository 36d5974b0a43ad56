package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The role of a registered database, which decides the migration set it receives. */
public enum ConnectionType {
  /** The platform's admin database: {@link Scope#ADMIN} migrations. */
  ADMIN(Scope.ADMIN),
  /** A region's shared database: {@link Scope#REGIONAL} migrations; tenant schemas live inside it. */
  SHARED(Scope.REGIONAL),
  /** A tenant's own database: {@link Scope#TENANT} migrations. */
  DEDICATED(Scope.TENANT);

  private final Scope scope;

  ConnectionType(Scope scope) {
    this.scope = scope;
  }

  public Scope scope() {
    return scope;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ConnectionType fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
