package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Priority;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LifecycleDeadLetterTopologyTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A valid database.created record whose body is replaced by {@code body}. */
  private static ProducerRecord<String, byte[]> withBody(DriverFixture f, String body) {
    ProducerRecord<String, byte[]> valid = f.codec.encode(f.topics.shared().lifecycle(Priority.NORMAL),
        DriverFixture.database("db-1", ConnectionType.SHARED, "eu-1", false), java.net.URI.create("/test"));
    return new ProducerRecord<>(valid.topic(), null, valid.key(), utf8(body), valid.headers());
  }

  @Test
  void recordWithoutCloudEventsHeadersIsDeadLetteredWithItsOrigin() {
    try (var f = new DriverFixture()) {
      f.pipeLifecycle(Priority.HIGH, "k", utf8("{}"), new RecordHeaders());

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("missing_cloudevents_headers");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(f.topics.shared().lifecycle(Priority.HIGH));
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.DEAD_LETTERED_BY)).isEqualTo("migration-processor");
      assertThat(letter.value()).isEqualTo(utf8("{}"));
    }
  }

  @Test
  void unknownEventTypeIsDeadLettered() {
    try (var f = new DriverFixture()) {
      var record = withBody(f, "{}");
      record.headers().remove("ce_type").add("ce_type", utf8("io.neoinfra.cat.adopted"));

      f.pipeLifecycle(Priority.NORMAL, record.key(), record.value(), record.headers());

      assertThat(DriverFixture.header(f.deadLetters().get(0), DeadLetterHeaders.ERROR_CLASS))
          .isEqualTo("unknown_event_type");
    }
  }

  @Test
  void schemaViolationIsDeadLetteredWithEveryFieldError() {
    try (var f = new DriverFixture()) {
      var record = withBody(f, "{\"database_id\":\"db-1\",\"port\":\"x\"}");

      f.pipeLifecycle(Priority.NORMAL, record.key(), record.value(), record.headers());

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("schema_violation");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_MESSAGE))
          .contains("database_name").contains("username").contains("port");
      assertThat(f.databases()).isEmpty();
    }
  }

  @Test
  void plaintextPasswordIsRedactedInTheDeadLetterCopy() {
    try (var f = new DriverFixture()) {
      var record = withBody(f, "{\"database_id\":\"db-1\",\"database_name\":\"app\",\"connection_type\":\"shared\","
          + "\"username\":\"neo\",\"password\":\"hunter2\"}");

      f.pipeLifecycle(Priority.NORMAL, record.key(), record.value(), record.headers());

      var letter = f.deadLetters().get(0);
      String value = new String(letter.value(), StandardCharsets.UTF_8);
      assertThat(value).doesNotContain("hunter2").contains(RedactionPolicy.REDACTED).contains("db-1");
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_MESSAGE)).doesNotContain("hunter2");
    }
  }

  @Test
  void sealedPasswordIsNotCopiedToTheDeadLetter() {
    try (var f = new DriverFixture()) {
      String sealed = "neo-enc:v1:k1:AAAAAAAAAAAAAAAAAAAAAAAA";
      var record = withBody(f, "{\"database_id\":\"db-1\",\"database_name\":\"app\",\"connection_type\":\"bogus\","
          + "\"username\":\"neo\",\"password\":\"" + sealed + "\"}");

      f.pipeLifecycle(Priority.NORMAL, record.key(), record.value(), record.headers());

      String value = new String(f.deadLetters().get(0).value(), StandardCharsets.UTF_8);
      assertThat(value).doesNotContain("neo-enc:").contains(RedactionPolicy.REDACTED).contains("db-1");
    }
  }

  @Test
  void plaintextPasswordInTruncatedJsonIsRedacted() {
    try (var f = new DriverFixture()) {
      var record = withBody(f, "{\"database_id\":\"db-1\",\"password\":\"hunter2");

      f.pipeLifecycle(Priority.NORMAL, record.key(), record.value(), record.headers());

      var letter = f.deadLetters().get(0);
      assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed_json");
      assertThat(new String(letter.value(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
    }
  }

  @Test
  void validEventAfterMalformedOnesIsStillProcessed() {
    try (var f = new DriverFixture()) {
      f.pipeLifecycle(Priority.NORMAL, "k", utf8("garbage"), new RecordHeaders());

      f.publish(DriverFixture.database("db-1", ConnectionType.SHARED, "eu-1", false));

      assertThat(f.deadLetters()).hasSize(1);
      assertThat(f.databases()).hasSize(1);
    }
  }

  @Test
  void metricsCountEventsByTypeAndOutcomeRetriesByTierAndDeadLetters() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.pipeLifecycle(Priority.NORMAL, "k", utf8("garbage"), new RecordHeaders());
      f.publish(DriverFixture.request("e1", io.neoinfra.schemas.events.Scope.REGIONAL));

      f.result(DriverFixture.failed(f.tasks().get(0), io.neoinfra.schemas.tasks.FailureKind.TIMEOUT));

      assertThat(f.metrics.count("neo.processor.events", "type", "database-created", "outcome", "processed"))
          .isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.events", "type", "unreadable", "outcome", "dead_lettered"))
          .isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.dead.letters", "source", "lifecycle")).isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.retries", "tier", "1s")).isEqualTo(1);
      assertThat(f.metrics.count("neo.processor.executions", "status", "RUNNING")).isEqualTo(1);
    }
  }
}
