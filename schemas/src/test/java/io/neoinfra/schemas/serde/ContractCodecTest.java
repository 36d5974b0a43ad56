package io.neoinfra.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.AppliedScript;
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
  void readsAnExecutionViewOfFiveThousandTargetsThatIsOverTheEventLimit() {
    List<TargetState> targets = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      targets.add(new TargetState("tenant_" + i, "db-fleet", "tenant_" + i, TargetStatus.SUCCEEDED, 1, null, "5",
          List.of(1, 2, 3, 4, 5).stream().map(v -> new AppliedScript(String.valueOf(v), "V" + v + "__step.sql", 3))
              .toList(), List.of(), null, Instant.parse("2026-11-25T10:00:00Z")));
    }
    ExecutionView view = new ExecutionView("exec-fleet", ExecutionKind.MIGRATION, Scope.TENANT,
        MigrationOperation.MIGRATE, ExecutionStatus.COMPLETED, false, Priority.NORMAL, null, null,
        Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:00:01Z"),
        Instant.parse("2026-11-25T10:01:00Z"), Map.of(TargetStatus.SUCCEEDED, 5000), 100, targets,
        new ExecutionMetadata(TriggeredBy.API, null, null), "bench", null);
    ContractCodec<ExecutionView> executions = contracts.executions().codec();

    byte[] written = executions.write(view);

    assertThat(written.length).isGreaterThan(ContractCodec.MAX_PAYLOAD_BYTES);
    assertThat(executions.read(written).orThrow().targets()).hasSize(5000);
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
