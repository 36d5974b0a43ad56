package io.neoinfra.schemas.tasks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a task failed; the kind, never the message text, decides whether it is retried. */
public enum FailureKind {
  CONNECTION_REFUSED(true),
  TIMEOUT(true),
  LOCK_WAIT(true),
  CIRCUIT_OPEN(true),
  /** The worker was shutting down and handed the task back. */
  WORKER_SHUTDOWN(true),
  SQL_ERROR(false),
  CHECKSUM_MISMATCH(false),
  VALIDATION_FAILED(false),
  AUTHENTICATION_FAILED(false),
  UNDO_SCRIPT_MISSING(false),
  UNKNOWN_SCOPE(false),
  DECRYPTION_FAILED(false),
  /** A {@code password_ref} the worker could not or would not resolve (unset, missing, outside its limits). */
  CREDENTIAL_UNAVAILABLE(false),
  INVALID_TASK(false),
  /**
   * The connection's TLS could not be set up: a trust bundle this worker does not know, or a server certificate the
   * worker refused (not trusted). Retrying changes nothing until the server or the worker's trust is fixed.
   */
  TLS_FAILED(false),
  /** A connection field broke the platform's rules or this deployment's policy; the worker never connected. */
  INVALID_CONNECTION(false),
  /** The target's host resolved to an address in a network targets may not live in; nothing was sent to it. */
  ADDRESS_REFUSED(false),
  INTERNAL_ERROR(false);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static FailureKind fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
