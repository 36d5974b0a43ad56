package io.neoinfra.schemas.health;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a worker found when it tried a registered connection: {@code healthy}, or a stable code of what went wrong.
 * Driver messages never travel: they may name hosts, users or worse.
 */
public enum HealthOutcome {
  HEALTHY,
  UNREACHABLE,
  TIMEOUT,
  AUTHENTICATION_FAILED,
  DATABASE_MISSING,
  CREDENTIALS_UNREADABLE,
  UNSUPPORTED_ENGINE,
  /** The registered fields break the connection rules or this worker's policy; nothing was connected. */
  INVALID_CONNECTION,
  /** The host resolved to an address in a network targets may not live in; nothing was sent to it. */
  ADDRESS_REFUSED,
  /** The connection's TLS could not be set up: an unknown trust bundle or a refused server certificate. */
  TLS_FAILED,
  UNHEALTHY;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static HealthOutcome fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
