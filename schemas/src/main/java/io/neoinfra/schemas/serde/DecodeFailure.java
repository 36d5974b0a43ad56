package io.neoinfra.schemas.serde;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a record could not be read; the stable id goes into dead-letter headers. */
public enum DecodeFailure {
  EMPTY_PAYLOAD,
  PAYLOAD_TOO_LARGE,
  MALFORMED_JSON,
  SCHEMA_VIOLATION,
  /** A schema violation in connection fields only (host, port, database name, user, schema): same reason everywhere. */
  INVALID_CONNECTION,
  MISSING_CLOUDEVENTS_HEADERS,
  UNKNOWN_EVENT_TYPE,
  UNSUPPORTED_CONTENT_TYPE,
  UNBINDABLE;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
