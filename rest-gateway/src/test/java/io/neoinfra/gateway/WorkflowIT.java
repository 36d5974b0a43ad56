package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.InvalidKeysetException;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.RollbackRequested;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The platform's workflows from the gateway's side: HTTP in, lifecycle events out, and the processor's answers
 * (written here by {@link SimulatedProcessor}) read back through HTTP. The full flow with the real processor and
 * worker runs in the dev stack's end-to-end tests.
 */
class WorkflowIT extends GatewayTestBase {

  private SimulatedProcessor processor;
  private LifecycleTap tap;

  @BeforeEach
  void parts() {
    processor = new SimulatedProcessor(ENV.broker, ENV.topics);
    tap = new LifecycleTap(ENV.broker, ENV.topics);
  }

  @AfterEach
  void closeParts() {
    processor.close();
    tap.close();
  }

  @Test
  void createdConnectionIsPublishedEncryptedAndItsAutoMigrationIsServedUntilCompleted() throws Exception {
    String password = "Pw-" + KafkaTestBroker.uniqueName("secret");
    String token = token("ops", Permission.DATABASES_WRITE, Permission.DATABASES_READ, Permission.MIGRATIONS_READ);
    ListAppender<ILoggingEvent> logs = captureLogs();
    try (var db = LocalDatabaseServer.postgres().createDatabase("gwhealth")) {
      // when: an operator registers a database
      var created = api.post("/api/v1/databases/connections", token, """
          {"database_name": "%s", "connection_type": "dedicated", "region": "eu-west", "host": "%s",
           "port": %d, "username": "%s", "password": "%s", "migration_timeout": 120}
          """.formatted(db.databaseName(), db.host(), db.port(), db.username(), password));

      // then: 201 with the id, and database.created on the topic with the password encrypted
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String id = created.json().path("id").asText();
      assertThat(created.header("Location")).endsWith("/api/v1/databases/connections/" + id);
      var event = tap.await(s -> s.envelope().type() == EventType.DATABASE_CREATED && id.equals(s.key()));
      assertThat(event.topic()).isEqualTo(ENV.topics.lifecycle(io.neoinfra.schemas.events.Priority.HIGH));
      var body = (DatabaseCreated) event.envelope().event();
      assertThat(new String(event.raw(), StandardCharsets.UTF_8)).doesNotContain(password);
      assertThat(new CredentialOpener(ENV.workerKeys).open(body.password())).isEqualTo(password);
      // and: the key material the gateway is configured with cannot open it
      Path gatewayKeyset = Path.of((String) ENV.gatewayProperties().get("neo.credential.public-keyset"));
      assertThatThrownBy(() -> new CredentialOpener(PrivateKeyset.read(gatewayKeyset)).open(body.password()))
          .isInstanceOf(InvalidKeysetException.class);

      // and: right after, the connection is served as pending, without any password field
      var pending = api.get("/api/v1/databases/connections/" + id, token);
      assertThat(pending.status()).isEqualTo(200);
      assertThat(pending.json().path("status").asText()).isEqualTo("pending");
      assertThat(pending.json().has("password")).isFalse();

      // when: the processor registers it and starts the auto migration
      processor.database(Fixtures.database(id, ConnectionType.DEDICATED, db.host(), db.port(), db.databaseName(),
          ENV.workerKeys.publicKeyset(), password));
      String executionId = "exec-auto-" + id;
      processor.execution(Fixtures.execution(executionId, ExecutionKind.MIGRATION, ExecutionStatus.RUNNING,
          TriggeredBy.DATABASE_CREATED_EVENT, null, List.of(Fixtures.target(id, TargetStatus.RUNNING, null, null,
              List.of()))));

      // then: the registry and the execution list show it, triggered by database_created_event
      await().atMost(Duration.ofSeconds(20)).until(() ->
          "registered".equals(api.get("/api/v1/databases/connections/" + id, token).json().path("status").asText()));
      await().atMost(Duration.ofSeconds(20)).until(() ->
          api.get("/api/v1/migrations/executions?search=" + id, token).json().path("count").asInt() == 1);
      var listed = api.get("/api/v1/migrations/executions?search=" + id, token).json().path("executions").get(0);
      assertThat(listed.path("metadata").path("triggered_by").asText()).isEqualTo("database_created_event");

      // when: the worker finishes
      processor.execution(Fixtures.execution(executionId, ExecutionKind.MIGRATION, ExecutionStatus.COMPLETED,
          TriggeredBy.DATABASE_CREATED_EVENT, null, List.of(Fixtures.target(id, TargetStatus.SUCCEEDED, null, "3",
              List.of("1", "2", "3")))));

      // then: COMPLETED, and the health check (a worker opens the password and logs in) says healthy
      await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(
          api.get("/api/v1/migrations/executions/" + executionId, token).json().path("status").asText()));
      var health = api.get("/api/v1/databases/connections/" + id + "/health", token);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("healthy");

      // and: no response and no log line ever held the password
      var list = api.get("/api/v1/databases/connections", token);
      assertThat(list.json().path("connections").toString()).contains(id).doesNotContain("password");
      for (var response : List.of(created, pending, list, health)) {
        assertThat(response.body()).doesNotContain(password);
      }
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(password));
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(m -> m.startsWith("audit ") && m.contains("POST /api/v1/databases/connections")
              && m.contains("resource=" + id) && m.contains("outcome=accepted"));

      // when: it is deleted, then: 204 and database.deleted, and it is gone from reads
      assertThat(api.delete("/api/v1/databases/connections/" + id, token).status()).isEqualTo(204);
      tap.await(s -> s.envelope().type() == EventType.DATABASE_DELETED && id.equals(s.key()));
      assertThat(api.get("/api/v1/databases/connections/" + id, token).status()).isEqualTo(404);
    } finally {
      ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }
  }

  @Test
  void dynamicMigrationIsAcceptedStreamedAndRolledBack() throws Exception {
    String token = token("release", Permission.MIGRATIONS_EXECUTE, Permission.MIGRATIONS_READ,
        Permission.MIGRATIONS_ROLLBACK);
    String databaseId = KafkaTestBroker.uniqueName("db-dyn");
    processor.database(Fixtures.database(databaseId, ConnectionType.ADMIN, "127.0.0.1", 5432, "x",
        ENV.workerKeys.publicKeyset(), null));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        api.get("/api/v1/databases/connections/" + databaseId, token("reader", Permission.DATABASES_READ)).status()
            == 200);

    // when: a dynamic migration of that database
    var accepted = api.post("/api/v1/migrations/dynamic", token, """
        {"scope": "ADMIN", "target_databases": ["%s"], "target_version": "3", "priority": "high",
         "rollout_policy": {"max_parallel": 5, "failure_threshold_percent": 10}}
        """.formatted(databaseId));

    // then: 202 PENDING with a fresh execution id, and migration.requested on neo.lifecycle.high
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json().path("status").asText()).isEqualTo("PENDING");
    String executionId = accepted.json().path("execution_id").asText();
    var requested = (MigrationRequested) tap.await(s -> executionId.equals(s.key())).envelope().event();
    assertThat(requested.targetDatabases()).containsExactly(databaseId);
    assertThat(requested.triggeredBy()).isEqualTo(TriggeredBy.API);
    assertThat(requested.requestedBy()).startsWith("release");
    assertThat(api.get("/api/v1/migrations/executions/" + executionId, token).json().path("status").asText())
        .isEqualTo("PENDING");

    // and: a second one on the same database conflicts, unless forced
    var conflict = api.post("/api/v1/migrations/dynamic", token,
        "{\"scope\": \"ADMIN\", \"target_databases\": [\"" + databaseId + "\"]}");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().path("conflicting_execution_id").asText()).isEqualTo(executionId);
    assertThat(api.post("/api/v1/migrations/dynamic", token, "{\"scope\": \"ADMIN\", \"target_databases\": [\""
        + databaseId + "\"], \"force_execution\": true, \"dry_run\": true}").status()).isEqualTo(202);

    // when: a client follows the progress while the processor runs it
    List<String> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> stream = follow("/api/v1/migrations/executions/" + executionId + "/progress", token,
        events);
    await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(l -> l.contains("PENDING")));
    processor.execution(Fixtures.execution(executionId, ExecutionKind.MIGRATION, ExecutionStatus.RUNNING,
        TriggeredBy.API, null, List.of(Fixtures.target(databaseId, TargetStatus.RUNNING, "1", null, List.of()))));
    await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(l -> l.contains("\"RUNNING\"")));
    processor.execution(Fixtures.completedMigration(executionId, databaseId));

    // then: the stream shows the target's change and the completion, then ends
    await().atMost(Duration.ofSeconds(10)).until(stream::isDone);
    assertThat(events).anyMatch(l -> l.equals("event:target"));
    assertThat(events).anyMatch(l -> l.contains("\"COMPLETED\""));

    // when: eligibility, then: can_rollback with what would be undone, newest first
    var eligibility = api.get("/api/v1/migrations/executions/" + executionId + "/rollback/eligibility", token).json();
    assertThat(eligibility.path("can_rollback").asBoolean()).as(eligibility.toString()).isTrue();
    assertThat(eligibility.path("targets").get(0).path("versions").toString()).isEqualTo("[\"3\",\"2\"]");

    // when: rollback, then: 202 with rollback_id and rollback.requested
    var rollback = api.post("/api/v1/migrations/executions/" + executionId + "/rollback", token,
        "{\"strategy\": \"flyway_undo\", \"dry_run\": false}");
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
    String rollbackId = rollback.json().path("rollback_id").asText();
    var rollbackEvent = (RollbackRequested) tap.await(s -> rollbackId.equals(s.key())).envelope().event();
    assertThat(rollbackEvent.executionId()).isEqualTo(executionId);
    assertThat(api.get("/api/v1/migrations/rollbacks/" + rollbackId, token).json().path("status").asText())
        .isEqualTo("PENDING");

    // and: a second rollback is refused with the reason
    var again = api.post("/api/v1/migrations/executions/" + executionId + "/rollback", token, "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("reasons").toString()).contains("rollback_in_progress");

    // when: the processor completes the rollback
    processor.execution(Fixtures.execution(rollbackId, ExecutionKind.ROLLBACK, ExecutionStatus.COMPLETED,
        TriggeredBy.API, executionId, List.of(Fixtures.target(databaseId, TargetStatus.SUCCEEDED, "3", "1",
            List.of()))));

    // then: the rollback is COMPLETED and the execution can no longer be rolled back
    await().atMost(Duration.ofSeconds(20)).until(() -> "COMPLETED".equals(
        api.get("/api/v1/migrations/rollbacks/" + rollbackId, token).json().path("status").asText()));
    var after = api.get("/api/v1/migrations/executions/" + executionId + "/rollback/eligibility", token).json();
    assertThat(after.path("can_rollback").asBoolean()).isFalse();
    assertThat(after.path("reasons").toString()).contains("already_rolled_back");
  }

  @Test
  void aConnectionsTlsSettingsArePublishedAndServed() {
    String token = token("tls-ops", Permission.DATABASES_WRITE, Permission.DATABASES_READ);
    var created = api.post("/api/v1/databases/connections", token, """
        {"database_name": "globex", "connection_type": "dedicated", "host": "globex.db.internal",
         "username": "globex", "password": "s3cret", "auto_migrate": false,
         "tls": {"mode": "verify-full", "trust_bundle": "corp-ca"}}
        """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    var event = tap.await(s -> s.envelope().type() == EventType.DATABASE_CREATED && id.equals(s.key()));
    assertThat(((DatabaseCreated) event.envelope().event()).tls())
        .isEqualTo(new TlsSettings(TlsMode.VERIFY_FULL, "corp-ca"));
    var served = api.get("/api/v1/databases/connections/" + id, token).json();
    assertThat(served.path("tls").path("mode").asText()).isEqualTo("verify-full");
    assertThat(served.path("tls").path("trust_bundle").asText()).isEqualTo("corp-ca");
  }

  @Test
  void aTrustBundleThatIsAPathOrComesWithoutVerificationIsRefusedWithEveryFieldError() {
    String token = token("tls-typo", Permission.DATABASES_WRITE);
    var path = api.post("/api/v1/databases/connections", token, """
        {"database_name": "globex", "connection_type": "dedicated", "username": "globex",
         "tls": {"mode": "verify-ca", "trust_bundle": "../../etc/ssl/private/server.key"}}
        """);
    var unverified = api.post("/api/v1/databases/connections", token, """
        {"database_name": "globex", "connection_type": "dedicated", "username": "globex",
         "tls": {"mode": "require", "trust_bundle": "corp-ca"}}
        """);
    var unknownMode = api.post("/api/v1/databases/connections", token, """
        {"database_name": "globex", "connection_type": "dedicated", "username": "globex",
         "tls": {"mode": "prefer"}}
        """);

    for (var response : List.of(path, unverified, unknownMode)) {
      assertThat(response.status()).as(response.body()).isEqualTo(422);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.json().path("code").asText()).isEqualTo("validation-failed");
    }
    assertThat(path.json().path("errors").findValuesAsText("field")).contains("$.tls.trust_bundle");
    assertThat(unverified.json().path("errors").findValuesAsText("field")).contains("$.tls.trust_bundle");
    assertThat(unknownMode.json().path("errors").findValuesAsText("field")).contains("$.tls.mode");
  }

  @Test
  void aPasswordRefIsPublishedAsGivenForTheWorkersToResolve() throws Exception {
    var created = api.post("/api/v1/databases/connections", token("ref", Permission.DATABASES_WRITE), """
        {"database_name": "ref_db", "connection_type": "dedicated", "host": "127.0.0.1", "port": 5432,
         "username": "owner", "password_ref": "file:ref-db.password", "auto_migrate": false}
        """);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    var event = (DatabaseCreated) tap.await(s -> s.envelope().type() == EventType.DATABASE_CREATED
        && id.equals(s.key())).envelope().event();
    assertThat(event.passwordRef()).hasToString("file:ref-db.password");
    assertThat(event.password()).isNull();
  }

  @Test
  void aPasswordTogetherWithAPasswordRefIsRefused() {
    var response = api.post("/api/v1/databases/connections", token("both", Permission.DATABASES_WRITE), """
        {"database_name": "both_db", "connection_type": "dedicated", "username": "owner",
         "password": "plain-both", "password_ref": "env:NEO_SECRET_BOTH"}
        """);

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).doesNotContain("plain-both");
  }

  @Test
  void aPasswordRefThatIsAPathIsRefusedWithItsField() {
    var response = api.post("/api/v1/databases/connections", token("path", Permission.DATABASES_WRITE), """
        {"database_name": "path_db", "connection_type": "dedicated", "username": "owner",
         "password_ref": "file:../../etc/shadow"}
        """);

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("errors").findValuesAsText("field")).contains("$.password_ref");
  }

  @Test
  void invalidDynamicMigrationGetsEveryFieldError() {
    var response = api.post("/api/v1/migrations/dynamic", token("typo", Permission.MIGRATIONS_EXECUTE), """
        {"scope": "GALAXY", "dry_run": "yes", "priority": "urgent", "target_version": "latest",
         "rollout_policy": {"max_parallel": 0}, "colour": "blue"}
        """);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("code").asText()).isEqualTo("validation-failed");
    assertThat(response.json().path("errors").findValuesAsText("field")).contains("$.scope", "$.dry_run",
        "$.priority", "$.target_version", "$.rollout_policy.max_parallel", "$.colour");
  }

  @Test
  void unknownExecutionIs404ProblemJson() {
    var response = api.get("/api/v1/migrations/executions/exec-does-not-exist",
        token("reader", Permission.MIGRATIONS_READ));
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().path("code").asText()).isEqualTo("not-found");
  }

  @Test
  void statusCountsDatabasesPerScope() {
    String token = token("status", Permission.MIGRATIONS_READ);
    String databaseId = KafkaTestBroker.uniqueName("db-status");
    processor.database(Fixtures.database(databaseId, ConnectionType.SHARED, "127.0.0.1", 5432, "x",
        ENV.workerKeys.publicKeyset(), null));
    processor.execution(Fixtures.completedMigration(KafkaTestBroker.uniqueName("exec-status"), databaseId));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        api.get("/api/v1/migrations/status", token).json().path("regional_status").path("versions").has("3"));
    var status = api.get("/api/v1/migrations/status", token).json();
    assertThat(status.has("admin_status")).isTrue();
    assertThat(status.has("tenant_status")).isTrue();
    assertThat(status.path("regional_status").path("databases").asInt()).isPositive();
  }

  private CompletableFuture<Void> follow(String path, String token, List<String> lines) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + path))
        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
    return api.client().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).thenAccept(response -> {
      try (InputStream in = response.body();
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    return appender;
  }
}
