package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.DecodeFailure;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON Schemas state the same name rules as {@link ConnectionRules}, for producers in other languages. */
class ConnectionSchemaTest {

  private static JsonNode commonDefinitions() throws Exception {
    try (InputStream in = ConnectionSchemaTest.class.getResourceAsStream(
        "/io/neoinfra/schemas/json/common.schema.json")) {
      return new ObjectMapper().readTree(in).path("$defs");
    }
  }

  @Test
  void statesTheDatabaseNameRuleOfConnectionRules() throws Exception {
    assertThat(commonDefinitions().path("databaseName").path("pattern").asText())
        .isEqualTo(ConnectionRules.NAME_PATTERN);
  }

  @Test
  void statesTheUserRuleOfConnectionRules() throws Exception {
    assertThat(commonDefinitions().path("userName").path("pattern").asText())
        .isEqualTo(ConnectionRules.USER_PATTERN);
  }

  @Test
  void readsATaskWhoseConnectionBreaksTheSchemaAsAnInvalidConnection() {
    String task = """
        {"task_id":"exec-1:db1:1","execution_id":"exec-1","target_id":"db1","database_id":"db1",
         "operation":"migrate","migration_set":"TENANT","undo_versions":[],"dry_run":false,"timeout_seconds":60,
         "priority":"high","attempt":1,"issued_at":"2026-11-25T10:00:00Z",
         "connection":{"engine":"h2","database_name":"mem:x;INIT=RUNSCRIPT FROM 'x'","username":"sa"}}""";

    Decoded<MigrationTask> decoded = new ContractCodec<>(MigrationTask.class, Contract.MIGRATION_TASK,
        NeoJson.newMapper(), new ContractValidator(), false).read(task.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
        invalid -> assertThat(invalid.reason()).isEqualTo(DecodeFailure.INVALID_CONNECTION));
  }
}
