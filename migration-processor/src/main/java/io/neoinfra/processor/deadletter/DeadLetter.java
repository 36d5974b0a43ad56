package io.neoinfra.processor.deadletter;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * One record for {@code neo.migration.dlt}: the original key, (redacted) value and headers, plus the
 * {@link DeadLetterHeaders}. Built fluently, so that every producer of dead letters fills the same headers.
 */
public final class DeadLetter {

  public static final String DEAD_LETTERED_BY = "migration-processor";
  private static final int MAX_MESSAGE_CHARS = 4000;

  private final Headers headers = new RecordHeaders();

  private DeadLetter(String errorClass, String message) {
    // Messages are built to name fields, never values; the policy is the net under that rule.
    String shown = RedactionPolicy.standard().redactText(message);
    put(DeadLetterHeaders.ERROR_CLASS, errorClass);
    put(DeadLetterHeaders.ERROR_MESSAGE,
        shown.length() > MAX_MESSAGE_CHARS ? shown.substring(0, MAX_MESSAGE_CHARS) + "…" : shown);
    put(DeadLetterHeaders.DEAD_LETTERED_BY, DEAD_LETTERED_BY);
  }

  /** A dead letter of class {@code errorClass} (a stable id) with a message for people (never a credential). */
  public static DeadLetter of(String errorClass, String message) {
    return new DeadLetter(errorClass, message);
  }

  /** Copies the original headers first, redacted, except earlier dead-letter headers. */
  public DeadLetter withOriginalHeaders(Headers original, RedactionPolicy redaction) {
    if (original == null) {
      return this;
    }
    for (Header header : original) {
      if (header.key().startsWith("neo-dlt-")) {
        continue;
      }
      headers.add(header.key(), redaction.redactHeader(header.key(), header.value()));
    }
    return this;
  }

  /** Source topic, partition and offset of the record being processed, when there is one. */
  public DeadLetter withOrigin(Optional<RecordMetadata> origin) {
    // During a punctuation there is no source record: the metadata exists but names no topic.
    origin.filter(m -> m.topic() != null).ifPresent(m -> {
      put(DeadLetterHeaders.SOURCE_TOPIC, m.topic());
      put(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(m.partition()));
      put(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(m.offset()));
    });
    return this;
  }

  /**
   * The topic a replay should send the record to when it is not the topic of the record being processed: a task
   * dead-lettered after its last attempt was read from a task topic by a worker, not by this processor (the record in
   * hand is the worker's result), so only the topic is known, without partition and offset.
   */
  public DeadLetter withReplayTopic(String topic) {
    put(DeadLetterHeaders.SOURCE_TOPIC, topic);
    headers.remove(DeadLetterHeaders.SOURCE_PARTITION);
    headers.remove(DeadLetterHeaders.SOURCE_OFFSET);
    return this;
  }

  /** Whether a source topic is set already (then {@link #withOrigin} of the record in hand must not replace it). */
  public boolean hasSource() {
    return headers.lastHeader(DeadLetterHeaders.SOURCE_TOPIC) != null;
  }

  public DeadLetter withAttempts(int attempts, Instant firstFailure, Instant lastFailure) {
    put(DeadLetterHeaders.ATTEMPTS, String.valueOf(attempts));
    if (firstFailure != null) {
      put(DeadLetterHeaders.FIRST_FAILURE_AT, firstFailure.toString());
    }
    if (lastFailure != null) {
      put(DeadLetterHeaders.LAST_FAILURE_AT, lastFailure.toString());
    }
    return this;
  }

  public DeadLetter withExecution(String executionId, String databaseId) {
    if (executionId != null) {
      put(DeadLetterHeaders.EXECUTION_ID, executionId);
    }
    if (databaseId != null) {
      put(DeadLetterHeaders.DATABASE_ID, databaseId);
    }
    return this;
  }

  public Headers headers() {
    return headers;
  }

  private void put(String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
