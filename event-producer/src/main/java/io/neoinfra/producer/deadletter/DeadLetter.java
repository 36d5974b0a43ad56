package io.neoinfra.producer.deadletter;

import java.time.Instant;
import java.util.List;

/**
 * One record of the dead-letter topic, with its {@code neo-dlt-*} headers decoded. Fields the dead-lettering component
 * did not set (or set to something unreadable) are {@code null}; nothing here throws on a malformed header.
 *
 * @param id partition and offset on the dead-letter topic
 * @param timestamp the dead-letter record's own timestamp
 * @param key the original key (UTF-8), or {@code null}
 * @param value the original value, unchanged
 * @param headers every header, original and {@code neo-dlt-*}, in record order
 * @param failure why the record was dead-lettered
 * @param origin where it was consumed from; {@link Origin#topic()} is what a replay sends it back to
 * @param eventType the CloudEvents type ({@code ce_type}) when the record is an event
 * @param executionId the execution it belongs to, when known
 * @param databaseId the database it concerns, when known
 * @param replayedFrom {@code <dlt topic>/<partition>/<offset>} when this dead letter is itself a replay that failed again
 */
public record DeadLetter(
    DeadLetterId id,
    Instant timestamp,
    String key,
    byte[] value,
    List<RawHeader> headers,
    Failure failure,
    Origin origin,
    String eventType,
    String executionId,
    String databaseId,
    String replayedFrom) {

  public DeadLetter {
    headers = List.copyOf(headers);
  }

  /** The failure that dead-lettered the record. */
  public record Failure(String errorClass, String message, Integer attempts, Instant firstFailureAt,
      Instant lastFailureAt, String deadLetteredBy) {}

  /** Where the record was consumed from when it failed. */
  public record Origin(String topic, Integer partition, Long offset) {}

  /** A header as it is on the record (values may be binary or absent). */
  public record RawHeader(String key, byte[] value) {}

  /** The time the time-range filter uses: the last failure, else the record's timestamp. */
  public Instant failedAt() {
    return failure.lastFailureAt() != null ? failure.lastFailureAt() : timestamp;
  }

  @Override
  public String toString() {
    // the value may be large or binary; people need the coordinates and the reason
    return "DeadLetter[" + id + ", " + failure.errorClass() + ", origin=" + origin + ", type=" + eventType + "]";
  }
}
