package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterDecoderTest {

  private static ConsumerRecord<byte[], byte[]> record(RecordHeaders headers) {
    return new ConsumerRecord<>("neo.migration.dlt", 2, 40, 1_000L, TimestampType.CREATE_TIME, 3, 2,
        "db-1".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
  }

  private static void put(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesEveryDeadLetterHeader() {
    RecordHeaders headers = new RecordHeaders();
    put(headers, "ce_type", "io.neoinfra.database.created");
    put(headers, DeadLetterHeaders.ERROR_CLASS, "schema_invalid");
    put(headers, DeadLetterHeaders.ERROR_MESSAGE, "$.port: must be an integer");
    put(headers, DeadLetterHeaders.SOURCE_TOPIC, "neo.lifecycle.high");
    put(headers, DeadLetterHeaders.SOURCE_PARTITION, "1");
    put(headers, DeadLetterHeaders.SOURCE_OFFSET, "77");
    put(headers, DeadLetterHeaders.ATTEMPTS, "3");
    put(headers, DeadLetterHeaders.FIRST_FAILURE_AT, "2026-11-25T10:00:00Z");
    put(headers, DeadLetterHeaders.LAST_FAILURE_AT, "2026-11-25T10:05:00Z");
    put(headers, DeadLetterHeaders.DEAD_LETTERED_BY, "migration-processor");
    put(headers, DeadLetterHeaders.EXECUTION_ID, "exec-1");
    put(headers, DeadLetterHeaders.DATABASE_ID, "db-1");
    put(headers, DeadLetterHeaders.REPLAYED_FROM, "neo.migration.dlt/0/5");

    DeadLetter letter = DeadLetterDecoder.decode(record(headers));

    assertThat(letter.id()).isEqualTo(new DeadLetterId(2, 40));
    assertThat(letter.key()).isEqualTo("db-1");
    assertThat(letter.eventType()).isEqualTo("io.neoinfra.database.created");
    assertThat(letter.failure()).isEqualTo(new DeadLetter.Failure("schema_invalid", "$.port: must be an integer", 3,
        Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:05:00Z"), "migration-processor"));
    assertThat(letter.origin()).isEqualTo(new DeadLetter.Origin("neo.lifecycle.high", 1, 77L));
    assertThat(letter.executionId()).isEqualTo("exec-1");
    assertThat(letter.databaseId()).isEqualTo("db-1");
    assertThat(letter.replayedFrom()).isEqualTo("neo.migration.dlt/0/5");
    assertThat(letter.failedAt()).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
    assertThat(letter.headers()).hasSize(13);
  }

  @Test
  void garbledHeadersBecomeNullInsteadOfFailingTheListing() {
    RecordHeaders headers = new RecordHeaders();
    put(headers, DeadLetterHeaders.ATTEMPTS, "three");
    put(headers, DeadLetterHeaders.SOURCE_OFFSET, "");
    put(headers, DeadLetterHeaders.LAST_FAILURE_AT, "yesterday");
    headers.add(DeadLetterHeaders.ERROR_CLASS, null);

    DeadLetter letter = DeadLetterDecoder.decode(record(headers));

    assertThat(letter.failure().attempts()).isNull();
    assertThat(letter.failure().lastFailureAt()).isNull();
    assertThat(letter.failure().errorClass()).isNull();
    assertThat(letter.origin().offset()).isNull();
    assertThat(letter.failedAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
  }

  @Test
  void failureTimesInEpochMillisAreAccepted() {
    RecordHeaders headers = new RecordHeaders();
    put(headers, DeadLetterHeaders.FIRST_FAILURE_AT, "1764064800000");

    assertThat(DeadLetterDecoder.decode(record(headers)).failure().firstFailureAt())
        .isEqualTo(Instant.ofEpochMilli(1_764_064_800_000L));
  }
}
