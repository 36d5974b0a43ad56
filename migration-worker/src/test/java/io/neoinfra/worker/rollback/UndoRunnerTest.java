package io.neoinfra.worker.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import org.junit.jupiter.api.Test;

class UndoRunnerTest {

  @Test
  void addressesTheHistoryTableOfTheTenantSchemaInEachDialect() {
    assertThat(UndoRunner.historyTable(Engine.POSTGRESQL, "tenant_1")).isEqualTo("\"tenant_1\".\"flyway_schema_history\"");
    assertThat(UndoRunner.historyTable(Engine.POSTGRESQL, null)).isEqualTo("\"flyway_schema_history\"");
    assertThat(UndoRunner.historyTable(Engine.MARIADB, null)).isEqualTo("`flyway_schema_history`");
    assertThat(UndoRunner.versionColumn(Engine.H2)).isEqualTo("\"version\"");
  }
}
