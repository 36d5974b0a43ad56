package io.neoinfra.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.bench.worker.FleetBenchmark;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * N tenant schemas in one PostgreSQL database, registered through the gateway as an operator would: the database as
 * the shared database of a region of its own, then one tenant per schema (auto-migrate off, so that nothing moves
 * before the measured request). Migrations and rollbacks are then requested through the REST API and polled until
 * they end. {@link #close()} drops the database, and with it every schema.
 */
public final class TenantFleet implements AutoCloseable {

  /** Registration requests in flight at once: enough to keep the gateway busy without queueing in its pool. */
  private static final int REGISTRATION_THREADS = 8;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "REJECTED");

  private final Platform platform;
  private final TestDatabase database;
  private final String region;
  private final List<String> schemas;

  private TenantFleet(Platform platform, TestDatabase database, String region, List<String> schemas) {
    this.platform = platform;
    this.database = database;
    this.region = region;
    this.schemas = schemas;
  }

  /** Creates the database and its {@code tenants} schemas, registers them, and returns once the registry has them. */
  public static TenantFleet register(Platform platform, LocalDatabaseServer postgres, String name, int tenants)
      throws Exception {
    TestDatabase database = postgres.createDatabase("neo_" + name);
    try {
      List<String> schemas = FleetBenchmark.createSchemas(database, "tenant", tenants);
      String region = database.databaseName().replace('_', '-');
      TenantFleet fleet = new TenantFleet(platform, database, region, schemas);
      fleet.registerAll();
      return fleet;
    } catch (Exception | Error e) {
      database.close();
      throw e;
    }
  }

  private void registerAll() throws Exception {
    GatewayClient api = platform.gateway();
    String sharedId = region + "-shared";
    api.post("/api/v1/databases/connections", "{\"database_id\":\"" + sharedId + "\",\"database_name\":\""
        + database.databaseName() + "\",\"connection_type\":\"shared\",\"region\":\"" + region
        + "\",\"engine\":\"postgresql\",\"host\":\"" + database.host() + "\",\"port\":" + database.port()
        + ",\"username\":\"" + database.username() + "\",\"auto_migrate\":false}").require(201, "id");
    ExecutorService pool = Executors.newFixedThreadPool(REGISTRATION_THREADS);
    Set<String> tenantIds = new HashSet<>();
    try {
      List<Future<?>> posts = new ArrayList<>();
      for (String schema : schemas) {
        String tenantId = region + "-" + schema.replace('_', '-');
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
    awaitRegistry(Set.of(sharedId), "neo.databases");
    awaitRegistry(tenantIds, "neo.tenants");
    // The processor resolves scopes from global stores of these topics, which trail them by about a commit.
    Thread.sleep(1_000);
  }

  /** Reads the processor's compacted registry topic until every id has a record. */
  private void awaitRegistry(Set<String> ids, String topic) {
    Set<String> missing = new HashSet<>(ids);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "bench-registry-" + UUID.randomUUID(),
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

  public int size() {
    return schemas.size();
  }

  public String region() {
    return region;
  }

  public TestDatabase database() {
    return database;
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
   * {@code POST /api/v1/migrations/dynamic} for every tenant of the region, then polls until the execution ends. The
   * time runs from just before the request to the execution's {@code completed_at} (the processor's clock, this
   * machine's), so that the polling interval does not count.
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

  /** Schemas whose history holds exactly {@code versions} successful versioned rows (0: no history table or empty). */
  public int schemasAtVersionCount(int versions) throws SQLException {
    int matching = 0;
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        int applied = 0;
        try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + schema + ".flyway_schema_history')")) {
          exists.next();
          if (exists.getString(1) != null) {
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM " + schema
                + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
              rows.next();
              applied = rows.getInt(1);
            }
          }
        }
        if (applied == versions) {
          matching++;
        }
      }
    }
    return matching;
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

  @Override
  public void close() {
    database.close();
  }
}
