package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad records become typed failures or dead letters, and the worker goes on consuming. */
class BadInputIT {

  private static WorkerFixture fixture;
  private static TestDatabase db;

  @BeforeAll
  static void start() {
    fixture = WorkerFixture.start("classpath:bundles/basic", b -> b);
    db = LocalDatabaseServer.postgres().createDatabase("neo_bad_input");
  }

  @AfterAll
  static void stop() {
    fixture.close();
    db.close();
  }

  @Test
  void unparsableRecordGoesToTheDeadLetterTopicWithItsSource() {
    // when
    fixture.publishRaw(Priority.NORMAL, "garbage", "{not json".getBytes(StandardCharsets.UTF_8));

    // then
    ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30)).until(
        () -> fixture.deadLetters.stream().filter(r -> "garbage".equals(r.key())).findFirst().orElse(null),
        r -> r != null);
    assertThat(header(dead, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("malformed_json");
    assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(fixture.topics.tasks(Priority.NORMAL));
    assertThat(header(dead, DeadLetterHeaders.DEAD_LETTERED_BY)).isEqualTo("migration-worker");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    workerStillMigrates();
  }

  @Test
  void aDeadLetteredTaskDoesNotCarryItsSealedPassword() {
    // given: a task cut off after its sealed password, so that it names no execution the worker could fail
    String sealed = WorkerFixture.SEALER.seal("t4sk-password").ciphertext();
    byte[] truncated = ("{\"connection\":{\"username\":\"neo\",\"password\":\"" + sealed + "\"},\"task_id\":\"t")
        .getBytes(StandardCharsets.UTF_8);

    // when
    fixture.publishRaw(Priority.NORMAL, "sealed-truncated", truncated);

    // then
    ConsumerRecord<String, byte[]> dead = await().atMost(Duration.ofSeconds(30)).until(
        () -> fixture.deadLetters.stream().filter(r -> "sealed-truncated".equals(r.key())).findFirst().orElse(null),
        r -> r != null);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).doesNotContain("neo-enc:").contains("[redacted]");
  }

  @Test
  void invalidTaskThatNamesItsExecutionFailsNonRetryably() {
    // given: a task without its connection
    MigrationTask task = WorkerFixture.task(WorkerFixture.connectionTo(db)).build();
    ObjectNode json = fixture.contracts.mapper().valueToTree(task);
    json.remove("connection");

    // when
    fixture.publishRaw(Priority.NORMAL, task.targetId(), json.toString().getBytes(StandardCharsets.UTF_8));

    // then
    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_TASK);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.executionId()).isEqualTo(task.executionId());
    workerStillMigrates();
  }

  @Test
  void unknownScopeFailsNonRetryably() {
    // given: ALL is no migration set, and the bundle has no admin/ folder
    MigrationTask all = WorkerFixture.task(WorkerFixture.connectionTo(db)).build();
    ObjectNode json = fixture.contracts.mapper().valueToTree(all);
    json.put("migration_set", "ALL");
    MigrationTask admin = WorkerFixture.task(WorkerFixture.connectionTo(db)).scope(Scope.ADMIN).build();

    // when
    fixture.publishRaw(Priority.NORMAL, all.targetId(), json.toString().getBytes(StandardCharsets.UTF_8));
    fixture.publish(admin);

    // then
    assertThat(fixture.awaitFailure(all.taskId()).error().kind()).isEqualTo(FailureKind.UNKNOWN_SCOPE);
    assertThat(fixture.awaitFailure(admin.taskId()).error().kind()).isEqualTo(FailureKind.UNKNOWN_SCOPE);
    workerStillMigrates();
  }

  @Test
  void passwordUnderAnUnknownKeyFailsNonRetryablyWithoutShowingIt() {
    // given: a password sealed for a keyset the worker does not have
    CredentialSealer other = new CredentialSealer(PrivateKeyset.generate().publicKeyset());
    TargetConnection base = WorkerFixture.connectionTo(db);
    TargetConnection connection = new TargetConnection(base.engine(), base.host(), base.port(), base.databaseName(),
        null, base.username(), other.seal("s3cret-password"));
    MigrationTask task = WorkerFixture.task(connection).build();

    // when
    fixture.publish(task);

    // then
    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.error().kind()).isEqualTo(FailureKind.DECRYPTION_FAILED);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.error().message()).doesNotContain("s3cret-password");
    workerStillMigrates();
  }

  private static void workerStillMigrates() {
    try (TestDatabase fresh = LocalDatabaseServer.postgres().createDatabase("neo_after_bad")) {
      MigrationTask task = WorkerFixture.task(WorkerFixture.connectionTo(fresh)).build();
      fixture.publish(task);
      assertThat(fixture.awaitSuccess(task.taskId()).versionAfter()).isEqualTo("5");
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
