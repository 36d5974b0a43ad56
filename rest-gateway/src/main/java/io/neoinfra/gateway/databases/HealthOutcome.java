package io.neoinfra.gateway.databases;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The result of a live check, as a stable code: {@code healthy}, or what went wrong. */
enum HealthOutcome {
  HEALTHY,
  UNREACHABLE,
  TIMEOUT,
  AUTHENTICATION_FAILED,
  DATABASE_MISSING,
  /** The database has a password the gateway cannot open: only workers hold the private keyset. */
  CREDENTIALS_WORKER_ONLY,
  UNSUPPORTED_ENGINE,
  PENDING_REGISTRATION,
  UNHEALTHY;

  @JsonValue
  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
