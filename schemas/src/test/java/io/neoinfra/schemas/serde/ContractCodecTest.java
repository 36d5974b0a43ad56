package io.neoinfra.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContractCodecTest {

  private final Contracts contracts = new Contracts();
  private final ContractCodec<TaskResult> results = contracts.results().codec();

  @Test
  void readsAResultBackAsItsSubtype() {
    TaskResult started = new TaskStarted("t1", "e1", "db1", 1, "w1", Instant.parse("2026-11-25T10:00:00Z"));

    assertThat(results.read(results.write(started)).orThrow()).isEqualTo(started);
  }

  @Test
  void refusesTruncatedJsonWithoutThrowing() {
    Decoded<TaskResult> decoded = results.read("{\"kind\":\"task_started\",\"task_".getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.MALFORMED_JSON));
  }

  @Test
  void refusesAValidRecordFollowedByTrailingGarbage() {
    TaskResult started = new TaskStarted("t1", "e1", "db1", 1, "w1", Instant.parse("2026-11-25T10:00:00Z"));
    byte[] valid = results.write(started);
    byte[] damaged = (new String(valid, StandardCharsets.UTF_8) + "}}").getBytes(StandardCharsets.UTF_8);

    assertThat(results.read(damaged)).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.MALFORMED_JSON));
  }

  @Test
  void refusesAnEmptyPayload() {
    assertThat(results.read(new byte[0])).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.EMPTY_PAYLOAD));
  }

  @Test
  void refusesAPayloadOverTheLimitBeforeParsingIt() {
    byte[] huge = new byte[ContractCodec.MAX_PAYLOAD_BYTES + 1];

    assertThat(results.read(huge)).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.PAYLOAD_TOO_LARGE));
  }

  @Test
  void refusesToWriteARecordThatBreaksItsContract() {
    TaskResult broken = new TaskStarted("t1", "e1", "db1", 0, "w1", Instant.now());

    assertThatThrownBy(() -> results.write(broken)).isInstanceOfSatisfying(InvalidRecordException.class,
        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("$.attempt"));
  }

  @Test
  void serdeDeserializerThrowsATypedExceptionForKafkaStreamsHandlers() {
    var deserializer = contracts.results().deserializer();

    assertThatThrownBy(() -> deserializer.deserialize("t", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(InvalidRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodeFailure.MALFORMED_JSON));
  }
}
