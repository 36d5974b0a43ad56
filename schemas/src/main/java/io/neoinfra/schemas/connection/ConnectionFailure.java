package io.neoinfra.schemas.connection;

import io.neoinfra.schemas.validation.FieldError;

/**
 * Why a connection field was refused. Each failure names the field and the rule it broke; none carries the value,
 * which may be a secret (a password pasted into the wrong field) or an attack that should not be logged verbatim.
 */
public sealed interface ConnectionFailure {

  /** The dead-letter reason and failure kind of every connection refusal. */
  String REASON = "invalid_connection";

  ConnectionField field();

  /** A stable code of the broken rule, such as {@code pattern} or {@code max_length}. */
  String rule();

  /** For people; never repeats the value. */
  String message();

  default FieldError toFieldError() {
    return new FieldError("$." + field().wireName(), rule(), message());
  }

  record Missing(ConnectionField field) implements ConnectionFailure {
    @Override
    public String rule() {
      return "required";
    }

    @Override
    public String message() {
      return "is required";
    }
  }

  record TooLong(ConnectionField field, int maxLength) implements ConnectionFailure {
    @Override
    public String rule() {
      return "max_length";
    }

    @Override
    public String message() {
      return "must be at most " + maxLength + " characters for this engine";
    }
  }

  record NotAnIdentifier(ConnectionField field, String pattern) implements ConnectionFailure {
    @Override
    public String rule() {
      return "pattern";
    }

    @Override
    public String message() {
      return "must be a plain name matching " + pattern + " (no URL, path or driver parameters)";
    }
  }

  record NotAHost(ConnectionField field) implements ConnectionFailure {
    @Override
    public String rule() {
      return "host";
    }

    @Override
    public String message() {
      return "must be a host name (RFC 1123) or an IPv4 or IPv6 address, without port, path or parameters";
    }
  }

  record PortOutOfRange(ConnectionField field) implements ConnectionFailure {
    @Override
    public String rule() {
      return "range";
    }

    @Override
    public String message() {
      return "must be between 1 and 65535";
    }
  }

  /** H2 (or another engine that runs inside the platform's own process) where the deployment does not allow it. */
  record EmbeddedEngineRefused(ConnectionField field) implements ConnectionFailure {
    @Override
    public String rule() {
      return "embedded_engine";
    }

    @Override
    public String message() {
      return "embedded engines (h2) are not enabled in this deployment";
    }
  }

  /** The host is an address in a network targets may not live in (link-local, cloud metadata, not allowed). */
  record AddressDenied(ConnectionField field, NetworkRefusal refusal) implements ConnectionFailure {
    @Override
    public String rule() {
      return "network";
    }

    @Override
    public String message() {
      return "is an address " + refusal.describe();
    }
  }
}
