package io.neoinfra.worker.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDirectMigratorTest {

  @Test
  void takesTheAdvisoryLockFlywayTakesForTheSchemasHistoryTable() {
    // 77431855161837 is what Flyway 11.14.1 sent to PostgreSQL for schema t_20 (pg_try_advisory_xact_lock, logged)
    assertThat(PostgresDirectMigrator.lockKey("t_20")).isEqualTo(77431855161837L);
  }

  @Test
  void runsPlainTransactionalScriptsItself() {
    assertThat(PostgresDirectMigrator.isDirect("CREATE TABLE a (id INT); UPDATE a SET id = 1;",
        List.of("CREATE TABLE a (id INT)", "UPDATE a SET id = 1"))).isTrue();
  }

  @Test
  void leavesToFlywayWhatCannotRunInATransactionOrNeedsFlywaysParser() {
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("CREATE INDEX CONCURRENTLY i ON a (id)"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("vacuum a"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("COPY a FROM STDIN"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("SET search_path TO b"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("COMMIT"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("x", List.of("SELECT set_config('a', 'b', false)"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("INSERT INTO a VALUES ('${tenant}')",
        List.of("INSERT INTO a VALUES ('${tenant}')"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("-- flyway:executeInTransaction=false\nCREATE TABLE a (id INT)",
        List.of("CREATE TABLE a (id INT)"))).isFalse();
    assertThat(PostgresDirectMigrator.isDirect("INSERT INTO a VALUES (E'it\\'s')",
        List.of("INSERT INTO a VALUES (E'it\\'s')"))).isFalse();
  }
}
