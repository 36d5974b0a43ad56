package io.neoinfra.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.devstack.DevStack;
import io.neoinfra.producer.cli.NeoEventsCli;
import io.neoinfra.producer.deadletter.DeadLetterFilter;
import io.neoinfra.producer.deadletter.DeadLetterId;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.producer.deadletter.ReplayLogEntry;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.GatewayClient.Response;
import io.neoinfra.testsupport.LoopbackProxy;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflows of the platform, end to end, on the dev stack the tests share ({@link E2EStack}: its own Kafka node,
 * processor, worker, gateway and OIDC issuer on free ports), through the REST API, against databases on the local
 * PostgreSQL.
 */
class DevStackE2EIT {

  private static final LocalDatabaseServer POSTGRES = E2EStack.POSTGRES;

  private static DevStack stack;
  private static GatewayClient api;
  private final List<TestDatabase> databases = new ArrayList<>();

  @BeforeAll
  static void startDevStack() {
    stack = E2EStack.shared().stack;
    api = E2EStack.shared().api;
  }

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    databases.forEach(TestDatabase::close);
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.add(0, resource);
    return resource;
  }

  @Test
  void aDatabaseCreatedWithAutoMigrateIsCompletedWithinSeconds() throws Exception {
    TestDatabase db = database("e2e_auto");
    long start = System.nanoTime();

    Response created = api.post("/api/v1/databases/connections", connection(db, "dedicated", null, null));

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
  void aRegisteredDatabaseIsReportedHealthyByAWorkerThroughTheGateway() {
    String id = register(database("e2e_health"));

    Response health = api.get("/api/v1/databases/connections/" + id + "/health");

    assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("healthy");
  }

  @Test
  void aRegisteredDatabaseWhosePortRefusesConnectionsIsReportedUnreachable() {
    TestDatabase db = database("e2e_unreachable");
    LoopbackProxy proxy = track(LoopbackProxy.down(POSTGRES.port()));
    Response created = api.post("/api/v1/databases/connections",
        connection(db, "dedicated", null, false, proxy.port()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("id").asText();
    awaitRegistered(id);

    Response health = api.get("/api/v1/databases/connections/" + id + "/health");

    assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("unreachable");
  }

  @Test
  void aTenantCreatedGetsItsSchemaAtTheLatestVersion() throws Exception {
    TestDatabase shared = database("e2e_shared");
    String region = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
    String sharedId = api.post("/api/v1/databases/connections", connection(shared, "shared", region, false))
        .body().get("id").asText();
    awaitRegistered(sharedId);
    String tenant = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    Response created = api.post("/api/v1/tenants",
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

    Response started = api.post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"target_databases\":[\""
        + idA + "\",\"" + idB + "\"],\"target_version\":\"3\"}");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    assertThat(started.body().get("status").asText()).isEqualTo("PENDING");
    String executionId = started.body().get("execution_id").asText();
    awaitStatus("/api/v1/migrations/executions/" + executionId, "COMPLETED");
    assertThat(history(a, null)).containsExactly("1", "2", "3");
    assertThat(api.get("/api/v1/migrations/executions/" + executionId + "/rollback/eligibility").body()
        .get("can_rollback").asBoolean()).isTrue();

    Response dryRun = api.post("/api/v1/migrations/executions/" + executionId + "/rollback",
        "{\"strategy\":\"flyway_undo\",\"dry_run\":true}");
    assertThat(dryRun.status()).as(dryRun.body().toString()).isEqualTo(202);
    awaitStatus("/api/v1/migrations/rollbacks/" + dryRun.body().get("rollback_id").asText(), "COMPLETED");
    assertThat(history(a, null)).containsExactly("1", "2", "3");

    Response rollback = api.post("/api/v1/migrations/executions/" + executionId + "/rollback",
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

    Cli dryRun = rollbackTool("--execution-id", executionId, "--strategy", "flyway_undo", "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).contains("can_rollback=true", id + ": undo 3, 2, 1", "(dry run", ": COMPLETED");
    assertThat(history(db, null)).containsExactly("1", "2", "3");

    Cli rollback = rollbackTool("--execution-id", executionId);

    assertThat(rollback.exitCode()).as(rollback.output()).isZero();
    assertThat(history(db, null)).isEmpty();
    await().atMost(Duration.ofSeconds(30)).until(() -> !api.get("/api/v1/migrations/executions/" + executionId
        + "/rollback/eligibility").body().path("can_rollback").asBoolean());
    Cli again = rollbackTool("--execution-id", executionId);
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
  void aTargetThatIsDownAtFirstAndComesBackIsCompletedThroughTheRetries() throws Exception {
    TestDatabase db = database("e2e_back");
    LoopbackProxy proxy = track(LoopbackProxy.down(POSTGRES.port()));
    String id = registerBehind(db, proxy);
    awaitExecution(e -> targets(e, id) && "RETRY_SCHEDULED".equals(target(e, id).path("status").asText()),
        "RUNNING", Duration.ofSeconds(60));

    proxy.bringUp();

    JsonNode done = awaitExecution(e -> targets(e, id), "COMPLETED", Duration.ofSeconds(60));
    assertThat(target(done, id).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(target(done, id).path("attempts").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(history(db, null)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void aTargetThatNeverComesBackIsDeadLetteredAndAfterTheFixACliReplayCompletesItsExecution() throws Exception {
    TestDatabase db = database("e2e_gone");
    LoopbackProxy proxy = track(LoopbackProxy.down(POSTGRES.port()));
    String id = registerBehind(db, proxy);
    JsonNode failed = awaitExecution(e -> targets(e, id), "FAILED", Duration.ofSeconds(90));
    String executionId = failed.path("id").asText();
    assertThat(target(failed, id).path("status").asText()).isEqualTo("FAILED");
    assertThat(target(failed, id).path("attempts").asInt()).isEqualTo(3);
    assertThat(target(failed, id).path("error").path("kind").asText()).isIn("connection_refused", "circuit_open");

    proxy.bringUp();
    Cli replay = cli("dlt", "replay", "--bootstrap-server", E2EStack.shared().bootstrapServers(), "--database-id", id,
        "--requested-by", "e2e", "--json");

    assertThat(replay.exitCode()).as(replay.output()).isZero();
    assertThat(replay.json().path("replayed").asInt()).isEqualTo(1);
    assertThat(replay.json().path("outcomes").get(0).path("target_topic").asText()).startsWith("neo.migration.tasks.");
    JsonNode completed = awaitStatus("/api/v1/migrations/executions/" + executionId, "COMPLETED");
    assertThat(target(completed, id).path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(completed.path("counts").path("SUCCEEDED").asInt()).isEqualTo(1);
    assertThat(completed.path("counts").path("FAILED").asInt()).isZero();
    assertThat(history(db, null)).containsExactly("1", "2", "3", "4", "5", "6");
  }

  /**
   * Dead-letter replay at volume: 100 dead letters replayed after the fix end with all 100 processed once, the replay
   * recorded completely, and a second replay a no-op. The cause is a blocker table in each tenant's schema (Flyway
   * refuses a non-empty schema without its history: not retryable, dead-lettered at once), not a host that is down:
   * 100 connection failures against one host would open the worker's circuit breaker, which then fails the replayed
   * tasks fast for its open duration, as it should.
   */
  @Test
  void aHundredDeadLetteredTasksReplayedAfterTheFixAreEachProcessedOnceAndASecondReplayIsANoOp() throws Exception {
    int count = 100;
    TestDatabase shared = database("e2e_hundred");
    String region = "h-" + UUID.randomUUID().toString().substring(0, 6);
    String sharedId = api.post("/api/v1/databases/connections", connection(shared, "shared", region, false))
        .body().get("id").asText();
    awaitRegistered(sharedId);
    String prefix = "h" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    List<String> tenants = new ArrayList<>();
    StringBuilder blockers = new StringBuilder();
    for (int i = 0; i < count; i++) {
      String tenant = prefix + "x" + i;
      tenants.add(tenant);
      blockers.append("CREATE SCHEMA tenant_").append(tenant).append("; CREATE TABLE tenant_").append(tenant)
          .append(".blocker (id INT);");
    }
    execute(shared, blockers.toString());
    String bootstrap = E2EStack.shared().bootstrapServers();
    DeadLetters deadLetters = DeadLetters.configure().bootstrapServers(bootstrap).load();
    try (ExecutionFollower executions = new ExecutionFollower(bootstrap, sharedId);
        LifecycleEventPublisher publisher = LifecycleEventPublisher.configure().bootstrapServers(bootstrap)
            .source(URI.create("/e2e-hundred")).load()) {
      for (String tenant : tenants) {
        publisher.tenantCreated(new TenantCreated(tenant, tenant, region, null, null, null, null, null),
            Priority.NORMAL);
      }
      publisher.flush();
      DeadLetterFilter ours = DeadLetterFilter.builder().databaseIds(List.of(sharedId)).build();
      await().atMost(Duration.ofSeconds(120)).until(() -> deadLetters.list(ours).size() >= count);
      await().atMost(Duration.ofSeconds(60)).until(() -> executions.withStatus("FAILED") == count);
      assertThat(deadLetters.list(ours)).hasSize(count)
          .allSatisfy(letter -> assertThat(letter.origin().topic()).isEqualTo("neo.migration.tasks.normal"));
      double completedBefore = processorCounter("neo_processor_executions_total", "status=\"COMPLETED\"");

      for (String tenant : tenants) { // the fix
        execute(shared, "DROP TABLE tenant_" + tenant + ".blocker");
      }
      Cli replay = cli("dlt", "replay", "--bootstrap-server", bootstrap, "--database-id", sharedId,
          "--requested-by", "e2e", "--json");

      assertThat(replay.exitCode()).as(replay.output()).isZero();
      assertThat(replay.json().path("replayed").asInt()).isEqualTo(count);
      await().atMost(Duration.ofSeconds(180)).until(() -> executions.withStatus("COMPLETED") == count);
      for (String tenant : tenants) {
        assertThat(historyCounts(shared, "tenant_" + tenant)).as(tenant)
            .containsExactly("1=1", "2=1", "3=1", "4=1", "5=1", "6=1");
      }
      assertThat(processorCounter("neo_processor_executions_total", "status=\"COMPLETED\"") - completedBefore)
          .isEqualTo(count);

      // the replay record: a log entry per dead letter, and each replayed record names its dead letter
      Map<DeadLetterId, ReplayLogEntry> log = deadLetters.replayLog();
      Map<String, String> replayedFrom = replayedFromHeaders(bootstrap, "neo.migration.tasks.normal");
      for (JsonNode outcome : replay.json().path("outcomes")) {
        DeadLetterId id = new DeadLetterId(outcome.path("partition").asInt(), outcome.path("offset").asLong());
        ReplayLogEntry entry = log.get(id);
        assertThat(entry).as(id.toString()).isNotNull();
        assertThat(entry.replayCount()).isEqualTo(1);
        assertThat(entry.requestedBy()).isEqualTo("e2e");
        assertThat(entry.targetOffset()).isEqualTo(outcome.path("target_offset").asLong());
        assertThat(replayedFrom.get(entry.targetPartition() + "/" + entry.targetOffset()))
            .isEqualTo(id.reference(deadLetters.deadLetterTopic()));
      }

      Cli again = cli("dlt", "replay", "--bootstrap-server", bootstrap, "--database-id", sharedId,
          "--requested-by", "e2e", "--json");

      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.json().path("replayed").asInt()).isZero();
      assertThat(again.json().path("already_replayed").asInt()).isEqualTo(count);
      assertThat(deadLetters.list(ours)).hasSize(count);
      assertThat(executions.withStatus("COMPLETED")).isEqualTo(count);
    }
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
    return connection(db, type, region, autoMigrate, db.port());
  }

  private static String connection(TestDatabase db, String type, String region, Boolean autoMigrate, int port) {
    return "{\"database_id\":\"" + db.databaseName().replace('_', '-') + "\",\"database_name\":\"" + db.databaseName()
        + "\",\"connection_type\":\"" + type + "\"" + (region == null ? "" : ",\"region\":\"" + region + "\"")
        + ",\"engine\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":" + port + ",\"username\":\""
        + db.username() + "\"" + (autoMigrate == null ? "" : ",\"auto_migrate\":" + autoMigrate) + "}";
  }

  private String register(TestDatabase db) {
    Response created = api.post("/api/v1/databases/connections", connection(db, "dedicated", null, false));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    String id = created.body().get("id").asText();
    awaitRegistered(id);
    return id;
  }

  /** Registers {@code db} with auto-migration at the port of {@code proxy}, which decides whether it is reachable. */
  private static String registerBehind(TestDatabase db, LoopbackProxy proxy) {
    Response created = api.post("/api/v1/databases/connections",
        connection(db, "dedicated", null, null, proxy.port()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body().get("id").asText();
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

  /** {@code version=count} of every successful row of a schema's history: each version applied exactly once. */
  private static List<String> historyCounts(TestDatabase db, String schema) throws Exception {
    List<String> counts = new ArrayList<>();
    try (Connection connection = db.connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, count(*) FROM " + schema + ".flyway_schema_history"
            + " WHERE success AND version IS NOT NULL GROUP BY version ORDER BY version::int")) {
      while (rows.next()) {
        counts.add(rows.getString(1) + "=" + rows.getInt(2));
      }
    }
    return counts;
  }

  /** A counter of the processor's Prometheus endpoint, summed over the series that carry {@code label}. */
  private static double processorCounter(String name, String label) throws Exception {
    java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
            + stack.settings().processorMetricsPort() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return metrics.body().lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /** {@code partition/offset -> neo-replayed-from} of the committed records of {@code topic} that carry it. */
  private static Map<String, String> replayedFromHeaders(String bootstrap, String topic) {
    Map<String, String> found = new java.util.HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
      List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String from = header(r, DeadLetterHeaders.REPLAYED_FROM);
          if (from != null) {
            found.put(r.partition() + "/" + r.offset(), from);
          }
        }
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
      });
    }
    return found;
  }

  /** Follows the executions topic and keeps the latest view of each execution that targets {@code databaseId}. */
  private static final class ExecutionFollower implements AutoCloseable {
    private final Map<String, String> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    ExecutionFollower(String bootstrap, String databaseId) {
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
          "e2e-follower-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
      consumer.subscribe(List.of(Topics.withDefaultPrefix().executions()));
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      thread = new Thread(() -> {
        try (consumer) {
          while (running) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
              if (r.value() == null) {
                continue;
              }
              try {
                JsonNode view = json.readTree(r.value());
                for (JsonNode t : view.path("targets")) {
                  if (databaseId.equals(t.path("database_id").asText())) {
                    statuses.put(r.key(), view.path("status").asText());
                  }
                }
              } catch (IOException unreadable) {
                // not a view; the processor's own tests cover what it writes
              }
            }
          }
        }
      }, "e2e-execution-follower");
      thread.setDaemon(true);
      thread.start();
    }

    long withStatus(String status) {
      return statuses.values().stream().filter(status::equals).count();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5_000);
    }
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

  /** What {@code neo-events} printed and returned, run in this JVM as an operator would run it in a shell. */
  record Cli(int exitCode, String output) {
    JsonNode json() {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(output);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + output, e);
      }
    }
  }

  static Cli cli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine command = NeoEventsCli.commandLine();
    command.setOut(new java.io.PrintWriter(out, true));
    command.setErr(new java.io.PrintWriter(out, true));
    int exitCode = command.execute(args);
    return new Cli(exitCode, out.toString());
  }

  /** {@code ./neo rollback …} in this JVM, as the demo operator client of the dev stack's issuer. */
  private static Cli rollbackTool(String... args) {
    List<String> all = new ArrayList<>(List.of("rollback", "--gateway-url", stack.settings().gatewayUrl(),
        "--token-url", stack.issuer().tokenUri(), "--client-id", "neo-operator", "--client-secret",
        "neo-operator-secret", "--poll-interval", "200ms", "--timeout", "90s"));
    all.addAll(List.of(args));
    return cli(all.toArray(String[]::new));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

}
