package io.neoinfra.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each valid example binds to its Java record and is written back as JSON that still satisfies the schema. */
class RecordRoundTripTest {

  private static final Map<Contract, Class<?>> INTERNAL = Map.of(
      Contract.MIGRATION_TASK, MigrationTask.class,
      Contract.TASK_RESULT, TaskResult.class,
      Contract.EXECUTION_VIEW, ExecutionView.class,
      Contract.DATABASE_RECORD, DatabaseRecord.class,
      Contract.TENANT_RECORD, TenantRecord.class,
      Contract.HEALTH_REQUEST, HealthRequest.class,
      Contract.HEALTH_RESULT, HealthResult.class);

  private final ObjectMapper mapper = NeoJson.newMapper();
  private final ContractValidator validator = new ContractValidator();

  @ParameterizedTest
  @EnumSource(Contract.class)
  void validExamplesSurviveARoundTripThroughTheirRecord(Contract contract) throws Exception {
    Class<?> type = INTERNAL.containsKey(contract) ? INTERNAL.get(contract) : recordOf(contract);
    for (Path file : validExamples(contract)) {
      JsonNode original = mapper.readTree(file.toFile());

      Object value = new ContractCodec<>(type, contract, mapper, validator, true).read(mapper.writeValueAsBytes(original)).orThrow();
      JsonNode written = mapper.readTree(codec(type, contract).write(value));

      assertThat(validator.validate(contract, written)).as(file.toString()).isEmpty();
      assertThat(mapper.treeToValue(written, type)).as(file.toString()).isEqualTo(value);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private ContractCodec codec(Class<?> type, Contract contract) {
    return new ContractCodec(type, contract, mapper, validator, true);
  }

  private static Class<?> recordOf(Contract contract) {
    return EventType.valueOf(contract.name()).recordType();
  }

  private static Iterable<Path> validExamples(Contract contract) throws IOException, URISyntaxException {
    Path dir = Path.of(RecordRoundTripTest.class.getResource("/examples/" + contract.schemaName()).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("valid-")).sorted().toList();
    }
  }
}
