package io.neoinfra.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.devstack.DevStack;
import io.neoinfra.devstack.DevStackSettings;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflows of the platform, end to end, on the dev stack this test starts (its own Kafka node, processor, worker,
 * gateway and OIDC issuer on free ports), through the REST API, against databases on the local PostgreSQL.
 */
class DevStackE2EIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();

  @TempDir static Path dataDir;
  private static DevStack stack;
  private static Api api;
  private final List<TestDatabase> databases = new ArrayList<>();

  @BeforeAll
  static void startDevStack() {
    DevStackSettings settings = new DevStackSettings(dataDir, freePort(), freePort(), freePort(), freePort(),
        freePort(), "classpath:e2e-bundle", false, "127.0.0.1", POSTGRES.port());
    stack = DevStack.start(settings);
    api = new Api(settings.gatewayUrl(), () -> stack.issuer().issueToken("neo-admin"));
  }

  @AfterAll
  static void stopDevStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @AfterEach
  void dropDatabases() {
    databases.forEach(TestDatabase::close);
  }

  @Test
  void aDatabaseCreatedWithAutoMigrateIsCompletedWithinSeconds() throws Exception {
    TestDatabase db = database("e2e_auto");
    long start = System.nanoTime();

    Api.Response created = api.post("/api/v1/databases/connections", connection(db, "dedicated", null, null));

    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("id").asText();
    JsonNode execution = awaitExecution(e -> targets(e, id) && "database_created_event"
        .equals(e.path("metadata").path("triggered_by").asText()), "COMPLETED", Duration.ofSeconds(60));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("e2e: connection created -> auto migration COMPLETED in %d ms (seed asks < 30 s)%n", millis);
    assertThat(execution.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(history(db, null)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void aTenantCreatedGetsItsSchemaAtTheLatestVersion() throws Exception {
    TestDatabase shared = database("e2e_shared");
    String region = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
    String sharedId = api.post("/api/v1/databases/connections", connection(shared, "shared", region, false))
        .body().get("id").asText();
    awaitRegistered(sharedId);
    String tenant = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    Api.Response created = api.post("/api/v1/tenants",
        "{\"tenant_id\":\"" + tenant + "\",\"region\":\"" + region + "\"}");

    assertThat(created.status()).as(created.body().toString()).isIn(201, 202);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(history(shared, "tenant_" + tenant)).containsExactly("1", "2", "3", "4", "5", "6"));
  }

  @Test
  void aMigrationToATargetVersionIsRolledBackWithUndoScriptsDryRunFirst() throws Exception {
    TestDatabase a = database("e2e_rb_a");
    TestDatabase b = database("e2e_rb_b");
    String idA = register(a);
    String idB = register(b);

    Api.Response started = api.post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"target_databases\":[\""
        + idA + "\",\"" + idB + "\"],\"target_version\":\"3\"}");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    assertThat(started.body().get("status").asText()).isEqualTo("PENDING");
    String executionId = started.body().get("execution_id").asText();
    awaitStatus("/api/v1/migrations/executions/" + executionId, "COMPLETED");
    assertThat(history(a, null)).containsExactly("1", "2", "3");
    assertThat(api.get("/api/v1/migrations/executions/" + executionId + "/rollback/eligibility").body()
        .get("can_rollback").asBoolean()).isTrue();

    Api.Response dryRun = api.post("/api/v1/migrations/executions/" + executionId + "/rollback",
        "{\"strategy\":\"flyway_undo\",\"dry_run\":true}");
    assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(202);
    awaitStatus("/api/v1/migrations/rollbacks/" + dryRun.body().get("rollback_id").asText(), "COMPLETED");
    assertThat(history(a, null)).containsExactly("1", "2", "3");

    Api.Response rollback = api.post("/api/v1/migrations/executions/" + executionId + "/rollback",
        "{\"strategy\":\"flyway_undo\",\"dry_run\":false}");
    assertThat(rollback.status()).as(rollback.body().toString()).isEqualTo(202);
    awaitStatus("/api/v1/migrations/rollbacks/" + rollback.body().get("rollback_id").asText(), "COMPLETED");
    assertThat(history(a, null)).isEmpty();
    assertThat(history(b, null)).isEmpty();
    assertThat(tables(a)).containsOnly("flyway_schema_history");
  }

  @Test
  void theOperatorsRollbackToolUndoesAnExecutionAfterADryRunAndThenRefusesASecondRollback() throws Exception {
    TestDatabase db = database("e2e_tool");
    String id = register(db);
    String executionId = api.post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"target_databases\":[\""
        + id + "\"],\"target_version\":\"3\"}").body().get("execution_id").asText();
    awaitStatus("/api/v1/migrations/executions/" + executionId, "COMPLETED");

    ToolRun dryRun = rollbackTool("--execution-id", executionId, "--strategy", "flyway_undo", "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).contains("can_rollback=true", id + ": undo 3, 2, 1", "(dry run", ": COMPLETED");
    assertThat(history(db, null)).containsExactly("1", "2", "3");

    ToolRun rollback = rollbackTool("--execution-id", executionId);

    assertThat(rollback.exitCode()).as(rollback.output()).isZero();
    assertThat(history(db, null)).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> !api.get("/api/v1/migrations/executions/" + executionId
        + "/rollback/eligibility").body().path("can_rollback").asBoolean());
    ToolRun again = rollbackTool("--execution-id", executionId);
    assertThat(again.exitCode()).as(again.output()).isEqualTo(3);
    assertThat(again.output()).contains("not eligible");
  }

  @Test
  void aFailingScriptFailsItsTargetWithTheScriptAndTheDatabaseMessageAndLeavesTheOthers() throws Exception {
    TestDatabase broken = database("e2e_fail_a");
    TestDatabase fine = database("e2e_fail_b");
    String brokenId = register(broken);
    String fineId = register(fine);
    String first = api.post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"target_databases\":[\""
        + brokenId + "\",\"" + fineId + "\"],\"target_version\":\"5\"}").body().get("execution_id").asText();
    awaitStatus("/api/v1/migrations/executions/" + first, "COMPLETED");
    execute(broken, "INSERT INTO customers (id, name) VALUES (1, 'Ann'), (2, 'Ann')");

    String second = api.post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"target_databases\":[\""
        + brokenId + "\",\"" + fineId + "\"]}").body().get("execution_id").asText();

    JsonNode failed = awaitStatus("/api/v1/migrations/executions/" + second, "FAILED");
    JsonNode brokenTarget = target(failed, brokenId);
    assertThat(brokenTarget.path("status").asText()).isEqualTo("FAILED");
    assertThat(brokenTarget.path("error").path("script").asText()).isEqualTo("V6__unique_customer_names.sql");
    assertThat(brokenTarget.path("error").path("message").asText()).containsIgnoringCase("could not create unique index");
    assertThat(target(failed, fineId).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(history(broken, null)).containsExactly("1", "2", "3", "4", "5");
    assertThat(history(fine, null)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void invalidEventsPublishedWithKcatAreDeadLetteredWithTheirReasonsAndThePlatformGoesOn() throws Exception {
    String bootstrap = "127.0.0.1:" + stack.settings().kafkaPort();
    Topics topics = Topics.withDefaultPrefix();
    String marker = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    kcat(bootstrap, topics.lifecycle(io.neoinfra.schemas.events.Priority.NORMAL), marker,
        "{\"database_id\":\"" + marker + "\",\"port\":\"not a number\"}",
        List.of("ce_specversion=1.0", "ce_id=" + marker, "ce_type=io.neoinfra.database.created", "ce_source=/kcat",
            "content-type=application/json"));
    kcat(bootstrap, topics.lifecycle(io.neoinfra.schemas.events.Priority.NORMAL), marker, "{\"truncated\":",
        List.of());

    List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, marker,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      consumer.subscribe(List.of(topics.deadLetters()));
      await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (marker.equals(r.key())) {
            deadLetters.add(r);
          }
        });
        return deadLetters.size() >= 2;
      });
    }
    assertThat(deadLetters).extracting(r -> header(r, "neo-dlt-error-class"))
        .containsExactlyInAnyOrder("schema_violation", "missing_cloudevents_headers");
    assertThat(deadLetters).allSatisfy(r -> assertThat(header(r, "neo-dlt-error-message")).isNotBlank());

    TestDatabase db = database("e2e_after_bad");
    String id = api.post("/api/v1/databases/connections", connection(db, "dedicated", null, null)).body()
        .get("id").asText();
    awaitExecution(e -> targets(e, id), "COMPLETED", Duration.ofSeconds(60));
  }

  // --- steps ---------------------------------------------------------------------------------------------------

  private TestDatabase database(String prefix) {
    TestDatabase db = POSTGRES.createDatabase(prefix);
    databases.add(db);
    return db;
  }

  private static String connection(TestDatabase db, String type, String region, Boolean autoMigrate) {
    return "{\"database_id\":\"" + db.databaseName().replace('_', '-') + "\",\"database_name\":\"" + db.databaseName()
        + "\",\"connection_type\":\"" + type + "\"" + (region == null ? "" : ",\"region\":\"" + region + "\"")
        + ",\"engine\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":" + db.port() + ",\"username\":\""
        + db.username() + "\"" + (autoMigrate == null ? "" : ",\"auto_migrate\":" + autoMigrate) + "}";
  }

  private String register(TestDatabase db) {
    Api.Response created = api.post("/api/v1/databases/connections", connection(db, "dedicated", null, false));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("id").asText();
    awaitRegistered(id);
    return id;
  }

  private static void awaitRegistered(String id) {
    await().atMost(Duration.ofSeconds(60)).until(() -> "registered".equals(
        api.get("/api/v1/databases/connections/" + id).body().path("status").asText()));
  }

  private static JsonNode awaitStatus(String path, String status) {
    await().atMost(Duration.ofSeconds(90)).until(() -> status.equals(api.get(path).body().path("status").asText()));
    return api.get(path).body();
  }

  private static JsonNode awaitExecution(java.util.function.Predicate<JsonNode> which, String status, Duration within) {
    await().atMost(within).until(() -> find(which).filter(e -> status.equals(e.path("status").asText())).isPresent());
    return find(which).orElseThrow();
  }

  private static java.util.Optional<JsonNode> find(java.util.function.Predicate<JsonNode> which) {
    for (JsonNode summary : api.get("/api/v1/migrations/executions?limit=100").body().path("executions")) {
      JsonNode execution = api.get("/api/v1/migrations/executions/" + summary.get("id").asText()).body();
      if (which.test(execution)) {
        return java.util.Optional.of(execution);
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean targets(JsonNode execution, String databaseId) {
    for (JsonNode target : execution.path("targets")) {
      if (databaseId.equals(target.path("database_id").asText())) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode target(JsonNode execution, String databaseId) {
    for (JsonNode target : execution.path("targets")) {
      if (databaseId.equals(target.path("database_id").asText())) {
        return target;
      }
    }
    throw new AssertionError("no target " + databaseId + " in " + execution);
  }

  private static List<String> history(TestDatabase db, String schema) throws Exception {
    String table = (schema == null ? "" : schema + ".") + "flyway_schema_history";
    List<String> versions = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return versions;
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT version FROM " + table
          + " WHERE success AND version IS NOT NULL ORDER BY installed_rank")) {
        while (rows.next()) {
          versions.add(rows.getString(1));
        }
      }
    }
    return versions;
  }

  private static List<String> tables(TestDatabase db) throws Exception {
    List<String> tables = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static void execute(TestDatabase db, String sql) throws Exception {
    try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void kcat(String bootstrap, String topic, String key, String body, List<String> headers)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("kcat", "-P", "-b", bootstrap, "-t", topic, "-k", key));
    headers.forEach(h -> command.addAll(List.of("-H", h)));
    Process kcat = new ProcessBuilder(command).redirectErrorStream(true).start();
    kcat.getOutputStream().write((body + "\n").getBytes(StandardCharsets.UTF_8));
    kcat.getOutputStream().close();
    String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kcat.exitValue()).as(output).isZero();
  }

  record ToolRun(int exitCode, String output) {}

  /** {@code ./neo rollback …} in this JVM, as the demo operator client of the dev stack's issuer. */
  private static ToolRun rollbackTool(String... args) {
    java.io.StringWriter output = new java.io.StringWriter();
    var cli = io.neoinfra.producer.cli.NeoEventsCli.commandLine();
    cli.setOut(new java.io.PrintWriter(output, true));
    cli.setErr(new java.io.PrintWriter(output, true));
    List<String> all = new ArrayList<>(List.of("rollback", "--gateway-url", stack.settings().gatewayUrl(),
        "--token-url", stack.issuer().tokenUri(), "--client-id", "neo-operator", "--client-secret",
        "neo-operator-secret", "--poll-interval", "200ms", "--timeout", "90s"));
    all.addAll(List.of(args));
    int exitCode = cli.execute(all.toArray(String[]::new));
    return new ToolRun(exitCode, output.toString());
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
