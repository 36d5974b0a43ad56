package io.neoinfra.schemas.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LifecycleEventCodecTest {

  private final LifecycleEventCodec codec = new LifecycleEventCodec(NeoJson.newMapper(), new ContractValidator(),
      Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), () -> "evt-1");

  private static DatabaseCreated database(String id) {
    return new DatabaseCreated(id, "acme", ConnectionType.DEDICATED, "eu-west", null, "127.0.0.1", 5432, "acme",
        null, true, null, "acme");
  }

  @Test
  void writesCloudEventsBinaryModeHeaders() {
    ProducerRecord<String, byte[]> record = codec.encode("neo.lifecycle.normal", database("db-1"), URI.create("/billing"));

    assertThat(header(record, "ce_id")).isEqualTo("evt-1");
    assertThat(header(record, "ce_type")).isEqualTo("io.neoinfra.database.created");
    assertThat(header(record, "ce_source")).isEqualTo("/billing");
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_time")).startsWith("2026-11-25T10:00");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
    assertThat(record.key()).isEqualTo("db-1");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"database_id\":\"db-1\"");
  }

  @Test
  void readsBackWhatItWrote() {
    ProducerRecord<String, byte[]> record = codec.encode("t", database("db-1"), URI.create("/billing"));

    Decoded<LifecycleEnvelope> decoded = codec.decode(record.headers(), record.value());

    LifecycleEnvelope envelope = decoded.orThrow();
    assertThat(envelope.type()).isEqualTo(EventType.DATABASE_CREATED);
    assertThat(envelope.id()).isEqualTo("evt-1");
    assertThat(envelope.event()).isEqualTo(database("db-1"));
  }

  @Test
  void refusesToEncodeAnInvalidEventWithEveryFieldError() {
    DatabaseCreated invalid = new DatabaseCreated("not valid!", null, null, "EU", null, null, 0, null, null, null,
        -1, null);

    assertThatThrownBy(() -> codec.encode("t", invalid, URI.create("/x")))
        .isInstanceOfSatisfying(ContractViolationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field)
            .contains("$.database_id", "$.database_name", "$.connection_type", "$.username", "$.region", "$.port",
                "$.migration_timeout"));
  }

  @Test
  void saysARecordWithoutCloudEventsHeadersIsNotAnEvent() {
    Decoded<LifecycleEnvelope> decoded = codec.decode(new RecordHeaders(), "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.MISSING_CLOUDEVENTS_HEADERS));
  }

  @Test
  void saysWhenTheTypeIsUnknown() {
    ProducerRecord<String, byte[]> record = codec.encode("t", new DatabaseDeleted("db-1"), URI.create("/x"));
    record.headers().remove("ce_type").add("ce_type", "io.neoinfra.cluster.exploded".getBytes(StandardCharsets.UTF_8));

    assertThat(codec.decode(record.headers(), record.value())).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.UNKNOWN_EVENT_TYPE));
  }

  @Test
  void saysWhenTheBodyIsTruncated() {
    ProducerRecord<String, byte[]> record = codec.encode("t", database("db-1"), URI.create("/x"));
    byte[] truncated = java.util.Arrays.copyOf(record.value(), record.value().length / 2);

    assertThat(codec.decode(record.headers(), truncated)).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.MALFORMED_JSON));
  }

  @Test
  void saysWhichFieldsOfTheBodyBreakTheSchema() {
    ProducerRecord<String, byte[]> record = codec.encode("t", database("db-1"), URI.create("/x"));
    byte[] wrongTypes = "{\"database_id\":7,\"database_name\":\"a\",\"connection_type\":\"admin\",\"username\":true}"
        .getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(record.headers(), wrongTypes)).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
      assertThat(invalid.reason()).isEqualTo(DecodeFailure.SCHEMA_VIOLATION);
      assertThat(invalid.errors()).extracting(e -> ((FieldError) e).field()).contains("$.database_id", "$.username");
    });
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
