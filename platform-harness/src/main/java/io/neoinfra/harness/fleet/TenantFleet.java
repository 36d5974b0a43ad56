package io.neoinfra.harness.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * N tenants, each an empty schema {@code tenant_<i>} in one PostgreSQL database created for the fleet, which is the
 * shared database of a region of its own (the database's name with dashes: unique per fleet). Registered as an
 * operator would, through the REST API ({@link #registerThroughGateway()}), or as another service would, with
 * lifecycle events ({@link #registerThroughEvents}); never migrated at once ({@code auto_migrate: false}), so that
 * nothing moves before the migration a caller requests. {@link #migrate()} and {@link #rollback} go through the
 * gateway and poll until the execution ends; the checks read every schema's {@code flyway_schema_history}.
 * {@link #close()} drops the database, and with it every schema.
 */
public final class TenantFleet implements AutoCloseable {

  /** The versions of the {@code tenant/} set of both bundles the harness runs (bench's fleet bundle, the demo's). */
  public static final List<String> TENANT_VERSIONS = List.of("1", "2", "3", "4", "5");

  /** Registration requests in flight at once: enough to keep the gateway busy without queueing in its pool. */
  private static final int REGISTRATION_THREADS = 8;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "REJECTED");

  private final Platform platform;
  private final TestDatabase database;
  private final String region;
  private final List<String> schemas;

  private TenantFleet(Platform platform, TestDatabase database, List<String> schemas) {
    this.platform = platform;
    this.database = database;
    this.region = database.databaseName().replace('_', '-');
    this.schemas = schemas;
  }

  /** Creates the database {@code neo_<name>_<random>} and its {@code size} empty tenant schemas; registers nothing. */
  public static TenantFleet provision(Platform platform, LocalDatabaseServer postgres, String name, int size) {
    TestDatabase database = postgres.createDatabase("neo_" + name);
    List<String> schemas = IntStream.range(0, size).mapToObj(i -> "tenant_" + i).toList();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.addBatch("CREATE SCHEMA " + schema);
      }
      s.executeBatch();
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw new IllegalStateException("cannot create the tenant schemas: " + e.getMessage(), e);
    }
    return new TenantFleet(platform, database, schemas);
  }

  /**
   * {@link #provision} and {@link #registerThroughGateway()}: returns once the processor's registry holds the
   * database and every tenant.
   */
  public static TenantFleet register(Platform platform, LocalDatabaseServer postgres, String name, int tenants)
      throws Exception {
    TenantFleet fleet = provision(platform, postgres, name, tenants);
    try {
      fleet.registerThroughGateway();
      return fleet;
    } catch (Exception | Error e) {
      fleet.close();
      throw e;
    }
  }

  // --- registration -----------------------------------------------------------------------------------------------

  /**
   * {@code POST /api/v1/databases/connections} for the shared database, then {@code POST /api/v1/tenants} for each
   * schema (8 in flight); then reads the processor's {@code neo.databases} and {@code neo.tenants} topics until every
   * record is there.
   */
  public void registerThroughGateway() throws Exception {
    GatewayClient api = platform.gateway();
    api.post("/api/v1/databases/connections", "{\"database_id\":\"" + sharedDatabaseId() + "\",\"database_name\":\""
        + database.databaseName() + "\",\"connection_type\":\"shared\",\"region\":\"" + region
        + "\",\"engine\":\"postgresql\",\"host\":\"" + database.host() + "\",\"port\":" + database.port()
        + ",\"username\":\"" + database.username() + "\",\"auto_migrate\":false}").require(201, "id");
    ExecutorService pool = Executors.newFixedThreadPool(REGISTRATION_THREADS);
    Set<String> tenantIds = new HashSet<>();
    try {
      List<Future<?>> posts = new ArrayList<>();
      for (int i = 0; i < schemas.size(); i++) {
        String tenantId = tenantId(i);
        String schema = schemas.get(i);
        tenantIds.add(tenantId);
        posts.add(pool.submit(() -> api.post("/api/v1/tenants", "{\"tenant_id\":\"" + tenantId + "\",\"region\":\""
            + region + "\",\"isolation\":\"schema\",\"schema_name\":\"" + schema + "\",\"auto_migrate\":false}")
            .require(202, null)));
      }
      for (Future<?> post : posts) {
        post.get();
      }
    } finally {
      pool.shutdownNow();
    }
    awaitRegistry(Set.of(sharedDatabaseId()), platform.topics().databases());
    awaitRegistry(tenantIds, platform.topics().tenants());
    // The processor resolves scopes from global stores of these topics, which trail them by about a commit.
    Thread.sleep(1_000);
  }

  /**
   * {@code database.created} for the shared database (reached on {@code port}: the server's or a proxy's) and
   * {@code tenant.created} for every schema, published with {@code publisher}; returns once Kafka acknowledged them
   * (the caller waits for the registry, e.g. with a {@code PlatformObserver}).
   */
  public void registerThroughEvents(LifecycleEventPublisher publisher, int port) throws Exception {
    publisher.databaseCreated(new DatabaseConnection(sharedDatabaseId(), database.databaseName(),
        ConnectionType.SHARED, region, Engine.POSTGRESQL, database.host(), port, database.username(), null, false,
        null, null), Priority.HIGH).get(60, TimeUnit.SECONDS);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < schemas.size(); i++) {
      sent.add(publisher.tenantCreated(new TenantCreated(tenantId(i), null, region, TenantIsolation.SCHEMA,
          schemas.get(i), null, false, null), Priority.NORMAL));
    }
    publisher.flush();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
  }

  /** Reads the processor's compacted registry topic until every id has a record. */
  private void awaitRegistry(Set<String> ids, String topic) {
    Set<String> missing = new HashSet<>(ids);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "fleet-registry-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!missing.isEmpty()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) {
            missing.remove(record.key());
          }
        }
        platform.requireAlive();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(missing.size() + " of " + ids.size() + " not in " + topic + " after "
              + TIMEOUT);
        }
      }
    }
  }

  // --- names ------------------------------------------------------------------------------------------------------

  public String region() {
    return region;
  }

  public String sharedDatabaseId() {
    return region + "-shared";
  }

  /** Every tenant id of this fleet starts with this (and no other fleet's does: the region is unique). */
  public String tenantPrefix() {
    return region + "-tenant-";
  }

  private String tenantId(int index) {
    return tenantPrefix() + index;
  }

  public int size() {
    return schemas.size();
  }

  public TestDatabase database() {
    return database;
  }

  // --- migrations through the gateway -------------------------------------------------------------------------

  /** The request body of one migration of every tenant of this fleet, at most {@code maxParallel} at once. */
  public String migrationRequest(int maxParallel) {
    return "{\"scope\":\"TENANT\",\"regions\":[\"" + region + "\"],\"priority\":\"normal\","
        + "\"rollout_policy\":{\"max_parallel\":" + maxParallel + "}}";
  }

  /** The end of a request: the final view (or rollback view) and how long it took. */
  public record Outcome(String id, String status, long millis, JsonNode view) {

    public boolean completed() {
      return "COMPLETED".equals(status);
    }

    public int count(String targetStatus) {
      return view.path("counts").path(targetStatus).asInt(0);
    }
  }

  /**
   * {@code POST /api/v1/migrations/dynamic} for every tenant of the region (default rollout policy), then polls until
   * the execution ends. The time runs from just before the request to the execution's {@code completed_at} (the
   * processor's clock, this machine's), so that the polling interval does not count.
   */
  public Outcome migrate() throws InterruptedException {
    Instant sent = Instant.now();
    String id = platform.gateway().post("/api/v1/migrations/dynamic", "{\"scope\":\"TENANT\",\"regions\":[\""
        + region + "\"]}").require(202, "execution_id");
    return await(id, "/api/v1/migrations/executions/" + id, sent);
  }

  /** {@code POST …/executions/{id}/rollback} with {@code flyway_undo}, then polls the rollback until it ends. */
  public Outcome rollback(String executionId) throws InterruptedException {
    Instant sent = Instant.now();
    String id = platform.gateway().post("/api/v1/migrations/executions/" + executionId + "/rollback",
        "{\"strategy\":\"flyway_undo\",\"dry_run\":false}").require(202, "rollback_id");
    return await(id, "/api/v1/migrations/rollbacks/" + id, sent);
  }

  /**
   * Polls the execution list for {@code id}'s summary (no per-target state: a 5,000-target view is megabytes, and
   * serialising it every second would take CPU from the run being measured), then reads the whole view once.
   */
  private Outcome await(String id, String path, Instant sent) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long pause = 100;
    String status = "unknown";
    while (!TERMINAL.contains(status)) {
      platform.requireAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(path + " still " + status + " after " + TIMEOUT);
      }
      Thread.sleep(pause); // polling the REST API, as an operator's script would; the figure uses completed_at
      pause = Math.min(1_000, pause * 2);
      for (JsonNode summary : platform.gateway().get("/api/v1/migrations/executions?limit=10&search=" + id).body()
          .path("executions")) {
        if (id.equals(summary.path("id").asText())) {
          status = summary.path("status").asText();
        }
      }
    }
    GatewayClient.Response response = platform.gateway().get(path);
    String completedAt = response.body().path("completed_at").asText(null);
    long millis = completedAt == null ? Duration.between(sent, Instant.now()).toMillis()
        : Duration.between(sent, Instant.parse(completedAt)).toMillis();
    return new Outcome(id, response.body().path("status").asText(), millis, response.body());
  }

  /** The failed targets of a view, one line each: target, error class, script and message. */
  public static List<String> failures(JsonNode view) {
    List<String> lines = new ArrayList<>();
    for (JsonNode target : view.path("targets")) {
      if (!"SUCCEEDED".equals(target.path("status").asText())) {
        lines.add(target.path("target_id").asText() + " " + target.path("status").asText() + ": "
            + target.path("error"));
      }
    }
    if (lines.isEmpty() && view.hasNonNull("reason")) {
      lines.add("execution: " + view.path("reason").asText());
    }
    return lines;
  }

  // --- the databases' own account ---------------------------------------------------------------------------------

  /** Schemas whose history holds exactly {@code versions} successful versioned rows (0: no history table or empty). */
  public int schemasAtVersionCount(int versions) throws SQLException {
    int matching = 0;
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        int applied = 0;
        if (hasHistory(s, schema)) {
          try (ResultSet rows = s.executeQuery("SELECT count(*) FROM " + schema
              + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rows.next();
            applied = rows.getInt(1);
          }
        }
        if (applied == versions) {
          matching++;
        }
      }
    }
    return matching;
  }

  /**
   * Every schema's history, checked: each of {@link #TENANT_VERSIONS} exactly once, in order, all successful, and
   * nothing else. Returns one line per schema that breaks the rule (empty when all is well).
   */
  public List<String> historyProblems() throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        if (!hasHistory(s, schema)) {
          problems.add(schema + ": no flyway_schema_history");
          continue;
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT version, success FROM " + schema
            + ".flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
          while (rs.next()) {
            rows.add(rs.getBoolean(2) ? rs.getString(1) : "failed:" + rs.getString(1));
          }
        }
        if (!rows.equals(TENANT_VERSIONS)) {
          problems.add(schema + ": " + rows);
        }
      }
    }
    return problems;
  }

  private static boolean hasHistory(Statement s, String schema) throws SQLException {
    try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + schema + ".flyway_schema_history')")) {
      exists.next();
      return exists.getString(1) != null;
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
