package io.neoinfra.reliability.fuzz;

import java.util.Map;
import java.util.Set;

/**
 * One malformed lifecycle record and the dead-letter reasons (error classes) it may be given.
 *
 * @param kind what is wrong with it
 * @param key its record key (unique per run, so its dead letter can be found)
 * @param headers its Kafka headers
 * @param value its payload (may be null or empty)
 */
record FuzzedRecord(Kind kind, String key, Map<String, byte[]> headers, byte[] value) {

  /** What is wrong with a record, and which error classes the processor may give it. */
  enum Kind {
    MALFORMED_JSON("malformed_json"),
    /**
     * A whole JSON object followed by stray closing braces. The codec parses leniently (trailing tokens are ignored),
     * so these records are dead-lettered by their schema, not as malformed JSON: see RELIABILITY.md.
     */
    TRAILING_GARBAGE("malformed_json", "schema_violation"),
    // A schema violation confined to a database event's connection fields (host, port, database name, user) is the
    // dead-letter reason invalid_connection, whichever of the schema or the connection rules caught it.
    WRONG_TYPES("schema_violation", "invalid_connection"),
    MISSING_FIELDS("schema_violation", "invalid_connection"),
    UNKNOWN_FIELDS("schema_violation"),
    INJECTION_STRINGS("schema_violation", "invalid_connection"),
    HUGE_VALUES("schema_violation", "invalid_connection"),
    WRONG_SHAPE("schema_violation", "malformed_json", "unbindable"),
    EMPTY_PAYLOAD("empty_payload", "malformed_json", "schema_violation"),
    NO_HEADERS("missing_cloudevents_headers"),
    BAD_SPEC_VERSION("missing_cloudevents_headers"),
    MISSING_CE_ID("missing_cloudevents_headers"),
    UNKNOWN_TYPE("unknown_event_type", "missing_cloudevents_headers"),
    WRONG_CONTENT_TYPE("unsupported_content_type"),
    BINARY_GARBAGE("malformed_json", "schema_violation"),
    BINARY_GARBAGE_HEADERS("missing_cloudevents_headers", "unknown_event_type");

    private final Set<String> errorClasses;

    Kind(String... errorClasses) {
      this.errorClasses = Set.of(errorClasses);
    }

    Set<String> errorClasses() {
      return errorClasses;
    }
  }
}
