package io.neoinfra.producer.deadletter;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Turns a record of the dead-letter topic into a {@link DeadLetter}; a malformed header becomes {@code null}. */
final class DeadLetterDecoder {

  static final String CE_TYPE = "ce_type";

  private DeadLetterDecoder() {}

  static DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
    List<DeadLetter.RawHeader> headers = new ArrayList<>();
    for (Header header : record.headers()) {
      headers.add(new DeadLetter.RawHeader(header.key(), header.value()));
    }
    var failure = new DeadLetter.Failure(
        text(record, DeadLetterHeaders.ERROR_CLASS),
        text(record, DeadLetterHeaders.ERROR_MESSAGE),
        integer(record, DeadLetterHeaders.ATTEMPTS),
        instant(record, DeadLetterHeaders.FIRST_FAILURE_AT),
        instant(record, DeadLetterHeaders.LAST_FAILURE_AT),
        text(record, DeadLetterHeaders.DEAD_LETTERED_BY));
    var origin = new DeadLetter.Origin(
        text(record, DeadLetterHeaders.SOURCE_TOPIC),
        integer(record, DeadLetterHeaders.SOURCE_PARTITION),
        longValue(record, DeadLetterHeaders.SOURCE_OFFSET));
    return new DeadLetter(
        new DeadLetterId(record.partition(), record.offset()),
        Instant.ofEpochMilli(record.timestamp()),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        record.value(),
        headers,
        failure,
        origin,
        text(record, CE_TYPE),
        text(record, DeadLetterHeaders.EXECUTION_ID),
        text(record, DeadLetterHeaders.DATABASE_ID),
        text(record, DeadLetterHeaders.REPLAYED_FROM));
  }

  private static String text(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    if (header == null || header.value() == null) {
      return null;
    }
    String value = new String(header.value(), StandardCharsets.UTF_8).trim();
    return value.isEmpty() ? null : value;
  }

  private static Integer integer(ConsumerRecord<?, ?> record, String name) {
    Long value = longValue(record, name);
    return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
  }

  private static Long longValue(ConsumerRecord<?, ?> record, String name) {
    String text = text(record, name);
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null; // inspection must show the record even when a header is garbled
    }
  }

  private static Instant instant(ConsumerRecord<?, ?> record, String name) {
    String text = text(record, name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(text)); // tolerate epoch millis from other writers
      } catch (NumberFormatException notMillis) {
        return null;
      }
    }
  }
}
