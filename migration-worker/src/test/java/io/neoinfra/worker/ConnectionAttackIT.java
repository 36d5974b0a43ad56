package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks whose connection fields try to become driver settings are refused as non-retryable {@code invalid_connection}
 * (the processor dead-letters them with that reason) before anything connects; a host that resolves into a denied
 * network is refused by the socket as {@code address_refused}. Tasks are written as raw JSON, as a hostile or buggy
 * producer on the task topic would.
 */
class ConnectionAttackIT {

  private static WorkerFixture embeddedOn;
  private static WorkerFixture embeddedOff;
  private static WorkerFixture loopbackDenied;
  private static TestDatabase postgres;
  private static TestDatabase mariadb;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    embeddedOn = WorkerFixture.start("classpath:bundles/basic", b -> b);
    embeddedOff = WorkerFixture.start("classpath:bundles/basic", b -> b.embeddedEngines(false));
    // Loopback is allowed by default; denying it here stands in for a host name that resolves to a metadata address.
    loopbackDenied = WorkerFixture.start("classpath:bundles/basic", b -> b
        .deniedNetworks("169.254.0.0/16,127.0.0.0/8,::1/128").connectionTimeout(Duration.ofSeconds(3)));
    postgres = LocalDatabaseServer.postgres().createDatabase("neo_attack");
    mariadb = LocalDatabaseServer.mariadb().createDatabase("neo_attack");
  }

  @AfterAll
  static void stop() {
    embeddedOn.close();
    embeddedOff.close();
    loopbackDenied.close();
    postgres.close();
    mariadb.close();
  }

  private String h2Init(Path marker) {
    return "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker.toAbsolutePath() + "')";
  }

  private static TaskFailed send(WorkerFixture fixture, TargetConnection connection, Consumer<ObjectNode> tamper) {
    MigrationTask task = WorkerFixture.task(connection).build();
    ObjectNode json = fixture.contracts.mapper().valueToTree(task);
    tamper.accept((ObjectNode) json.get("connection"));
    fixture.publishRaw(Priority.HIGH, task.targetId(), json.toString().getBytes(StandardCharsets.UTF_8));
    TaskFailed failed = fixture.awaitFailure(task.taskId());
    assertThat(failed.retryable()).isFalse();
    return failed;
  }

  private static TaskFailed sendTo(WorkerFixture fixture, TestDatabase db, Consumer<ObjectNode> tamper) {
    return send(fixture, WorkerFixture.connectionTo(db), tamper);
  }

  @Test
  void refusesAnH2InitScriptInTheDatabaseNameWithEmbeddedEnginesOn() {
    Path marker = dir.resolve("marker-on.txt");

    TaskFailed failed = send(embeddedOn, WorkerFixture.h2("plain"), c -> c.put("database_name", h2Init(marker)));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(failed.error().message()).contains("database_name").doesNotContain("FILE_WRITE");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void refusesAnH2InitScriptInTheDatabaseNameWithEmbeddedEnginesOff() {
    Path marker = dir.resolve("marker-off.txt");

    TaskFailed failed = send(embeddedOff, WorkerFixture.h2("plain"), c -> c.put("database_name", h2Init(marker)));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void refusesAPlainH2TargetWhenEmbeddedEnginesAreOff() {
    TaskFailed failed = send(embeddedOff, WorkerFixture.h2("neo_plain_" + UUID.randomUUID().toString()
        .replace("-", "")), c -> { });

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(failed.error().message()).contains("engine").contains("embedded");
  }

  @Test
  void refusesAPgjdbcSocketFactoryInTheDatabaseName() {
    TaskFailed failed = sendTo(embeddedOn, postgres, c -> c.put("database_name", postgres.databaseName()
        + "?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
        + "&socketFactoryArg=http://127.0.0.1:1/x.xml"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
  }

  @Test
  void refusesPgjdbcSslmodeAndOptionsInTheDatabaseName() {
    TaskFailed failed = sendTo(embeddedOn, postgres, c -> c.put("database_name", postgres.databaseName()
        + "?sslmode=disable&options=-c%20search_path=evil"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
  }

  @Test
  void refusesPgjdbcParametersInTheHost() {
    TaskFailed failed = sendTo(embeddedOn, postgres, c -> c.put("host",
        "127.0.0.1:5432/postgres?socketFactory=java.io.FileOutputStream&socketFactoryArg=/tmp/x&sslmode=disable"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(failed.error().message()).contains("host");
  }

  @Test
  void refusesMariadbUrlParametersInTheDatabaseName() {
    TaskFailed failed = sendTo(embeddedOn, mariadb, c -> c.put("database_name",
        mariadb.databaseName() + "?allowLoadLocalInfile=true&allowLocalInfile=true"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
  }

  @Test
  void refusesAnAppendedMariadbParameterInTheHost() {
    TaskFailed failed = sendTo(embeddedOn, mariadb, c -> c.put("host", "127.0.0.1&allowLocalInfile=true"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
  }

  @Test
  void refusesTheCloudMetadataAddressAsHost() {
    TaskFailed failed = sendTo(embeddedOn, postgres, c -> c.put("host", "169.254.169.254"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(failed.error().message()).contains("169.254.0.0/16");
  }

  @Test
  void refusesADatabaseNameTheSchemaAllowsButPostgresDoesNot() {
    // 64 characters: within the contract's engine-independent limit, one over PostgreSQL's.
    TaskFailed failed = sendTo(embeddedOn, postgres, c -> c.put("database_name", "d".repeat(64)));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.INVALID_CONNECTION);
    assertThat(failed.error().message()).contains("at most 63");
  }

  @Test
  void refusesAPostgresHostNameThatResolvesIntoADeniedNetwork() {
    TaskFailed failed = sendTo(loopbackDenied, postgres, c -> c.put("host", "localhost"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
  }

  @Test
  void refusesAMariadbHostNameThatResolvesIntoADeniedNetwork() {
    TaskFailed failed = sendTo(loopbackDenied, mariadb, c -> c.put("host", "localhost"));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.ADDRESS_REFUSED);
  }

  @Test
  void stillMigratesAPlainPostgresTarget() {
    MigrationTask task = WorkerFixture.task(WorkerFixture.connectionTo(postgres)).build();
    embeddedOn.publish(task);

    assertThat(embeddedOn.awaitSuccess(task.taskId()).versionAfter()).isNotNull();
  }
}
