package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.WorkerSettings.CredentialSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code password_ref} against a real MariaDB account that has a password: the worker reads it from its secrets
 * directory only, and refuses what lies outside its limits with {@code credential_unavailable}.
 */
class PasswordRefIT {

  private static final String PASSWORD = "ref-" + UUID.randomUUID();

  private static Path secrets;
  private static TestDatabase db;
  private static String user;
  private static WorkerFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    secrets = Files.createTempDirectory("neo-worker-secrets");
    Files.writeString(secrets.resolve("tenant-db.password"), PASSWORD + "\n");
    Files.writeString(secrets.resolve("stale.password"), "not-the-password");
    db = LocalDatabaseServer.mariadb().createDatabase("neo_ref");
    user = "neo_ref_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = LocalDatabaseServer.mariadb().connectAdmin(); Statement s = c.createStatement()) {
      // Test-owned names and password, not caller input.
      s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
      s.execute("GRANT ALL ON " + db.databaseName() + ".* TO '" + user + "'@'%'");
    }
    fixture = WorkerFixture.start("classpath:bundles/basic", b -> b.credentials(
        new CredentialSettings(Optional.empty(), Optional.of(secrets), CredentialSettings.DEFAULT_ENV_PREFIX)));
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
    try (Connection c = LocalDatabaseServer.mariadb().connectAdmin(); Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
    }
    db.close();
  }

  @Test
  void migratesWithThePasswordReadFromTheSecretsDirectory() {
    MigrationTask task = WorkerFixture.task(connection("file:tenant-db.password")).build();

    fixture.publish(task);

    assertThat(fixture.awaitSuccess(task.taskId()).taskId()).isEqualTo(task.taskId());
  }

  @Test
  void usesWhatTheReferenceHoldsSoAWrongSecretFailsToLogIn() {
    MigrationTask task = WorkerFixture.task(connection("file:stale.password")).build();

    fixture.publish(task);

    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.error().kind()).isEqualTo(FailureKind.AUTHENTICATION_FAILED);
    assertThat(failed.error().message()).doesNotContain("not-the-password");
  }

  @Test
  void refusesAnEnvironmentVariableWithoutTheSecretPrefix() {
    MigrationTask task = WorkerFixture.task(connection("env:NEO_WORKER_BOOTSTRAP_SERVERS")).build();

    fixture.publish(task);

    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.error().kind()).isEqualTo(FailureKind.CREDENTIAL_UNAVAILABLE);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.error().message()).contains("NEO_SECRET_");
  }

  @Test
  void failsAMissingFileWithAReasonThatNamesOnlyTheReference() {
    MigrationTask task = WorkerFixture.task(connection("file:nobody.password")).build();

    fixture.publish(task);

    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.error().kind()).isEqualTo(FailureKind.CREDENTIAL_UNAVAILABLE);
    assertThat(failed.error().message()).contains("file:nobody.password").doesNotContain(secrets.toString());
  }

  private static TargetConnection connection(String ref) {
    return new TargetConnection(Engine.MARIADB, db.host(), db.port(), db.databaseName(), null, user, null,
        PasswordRef.parse(ref));
  }
}
