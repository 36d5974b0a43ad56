package io.neoinfra.gateway.databases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The result of a live check, as a stable code: {@code healthy}, or what went wrong. The worker's outcomes plus
 * {@link #PENDING_REGISTRATION}, which only the gateway knows (the registration is not on the registry yet).
 */
enum HealthOutcome {
  HEALTHY,
  UNREACHABLE,
  TIMEOUT,
  AUTHENTICATION_FAILED,
  DATABASE_MISSING,
  /** The answering worker could not open the sealed password or resolve the {@code password_ref}. */
  CREDENTIALS_UNREADABLE,
  UNSUPPORTED_ENGINE,
  /** The registered fields break the connection rules; nothing was connected. */
  INVALID_CONNECTION,
  /** The host is, or resolved to, an address in a network targets may not live in; nothing was sent to it. */
  ADDRESS_REFUSED,
  /** The worker could not set up the connection's TLS (unknown trust bundle, refused server certificate). */
  TLS_FAILED,
  PENDING_REGISTRATION,
  UNHEALTHY;

  static HealthOutcome of(io.neoinfra.schemas.health.HealthOutcome answered) {
    return valueOf(answered.name());
  }

  @JsonValue
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
