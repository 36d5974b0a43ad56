package io.neoinfra.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The database server behind a connection. The driver depends on it, so events
 * carry {@code engine} (default {@code postgresql}). For {@link #H2}, {@code database_name} is a plain name that the
 * worker maps to a file in its data directory or to an in-memory database, host/port are ignored, and only
 * deployments that enable embedded engines accept it.
 */
public enum Engine {
  POSTGRESQL(5432),
  MARIADB(3306),
  MYSQL(3306),
  H2(0);

  private final int defaultPort;

  Engine(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  public int defaultPort() {
    return defaultPort;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Engine fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
