package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failing script and a script that runs past its timeout, on PostgreSQL. */
class ScriptFailureIT {

  @Test
  void sqlErrorLeavesTheTargetAtItsPreviousVersionAndNamesScriptLineAndMessage() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/broken", b -> b);
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_broken")) {
      TargetConnection connection = WorkerFixture.connectionTo(db);
      var toOne = WorkerFixture.task(connection).targetVersion("1").build();
      fixture.publish(toOne);
      fixture.awaitSuccess(toOne.taskId());

      // when: V2 adds a column, then fails on its third line
      var migrate = WorkerFixture.task(connection).build();
      fixture.publish(migrate);
      TaskFailed failed = fixture.awaitFailure(migrate.taskId());

      // then: reported as a non-retryable SQL error with script, line and the database's message
      assertThat(failed.error().kind()).isEqualTo(FailureKind.SQL_ERROR);
      assertThat(failed.retryable()).isFalse();
      assertThat(failed.error().script()).isEqualTo("V2__broken.sql");
      assertThat(failed.error().line()).isEqualTo(3);
      assertThat(failed.error().sqlState()).isEqualTo("42P01");
      assertThat(failed.error().message()).contains("no_such_table");
      assertThat(failed.versionAfter()).isEqualTo("1");
      // and: nothing of V2 stayed behind, not even its first statement
      assertThat(FlywayOperationsIT.historyVersions(db)).containsExactly("1");
      assertThat(columnExists(db, "accounts", "email")).isFalse();
    }
  }

  @Test
  void taskPastItsTimeoutIsCancelledAtTheDatabaseAndReportedAsRetryableTimeout() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/slow",
            b -> b.cancelGrace(Duration.ofSeconds(2)));
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_slow")) {
      TargetConnection connection = WorkerFixture.connectionTo(db);

      // when: V1 sleeps for 60 s under a 2 s timeout
      var migrate = WorkerFixture.task(connection).timeoutSeconds(2).build();
      fixture.publish(migrate);
      TaskFailed failed = fixture.awaitFailure(migrate.taskId());

      // then
      assertThat(failed.error().kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(failed.retryable()).isTrue();
      assertThat(tableExists(db, "slow_marker")).isFalse();
      await().atMost(Duration.ofSeconds(20)).until(() -> sleepingBackends(db) == 0);
    }
  }

  @Test
  void shutdownCancelsARunningTaskAndReportsItRetryable() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.start("classpath:bundles/slow",
            b -> b.shutdownGrace(Duration.ofSeconds(1)).cancelGrace(Duration.ofSeconds(1)));
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_shutdown")) {
      // given: a task busy in a 60 s script
      var migrate = WorkerFixture.task(WorkerFixture.connectionTo(db)).timeoutSeconds(600).build();
      fixture.publish(migrate);
      await().atMost(Duration.ofSeconds(60)).until(() -> sleepingBackends(db) > 0);

      // when: the worker is stopped
      fixture.worker.close();

      // then: the task was cancelled at the database and handed back as retryable
      TaskFailed failed = fixture.awaitFailure(migrate.taskId());
      assertThat(failed.error().kind()).isEqualTo(FailureKind.WORKER_SHUTDOWN);
      assertThat(failed.retryable()).isTrue();
      assertThat(tableExists(db, "slow_marker")).isFalse();
    }
  }

  private static boolean columnExists(TestDatabase db, String table, String column) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
      return rs.next();
    }
  }

  private static boolean tableExists(TestDatabase db, String table) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static int sleepingBackends(TestDatabase db) throws Exception {
    try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%'"
            + " AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
