package io.neoinfra.reliability.fleet;

import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * N tenants, each a schema in one shared PostgreSQL database of its own region: the fleet a fault test migrates. The
 * database is created for the run and dropped by {@link #close()}.
 */
public final class TenantFleet implements AutoCloseable {

  /** The versions of the demo bundle's {@code tenant/} set, in order. */
  public static final List<String> TENANT_VERSIONS = List.of("1", "2", "3", "4", "5");

  private final TestDatabase database;
  private final String runId;
  private final List<String> schemas;

  private TenantFleet(TestDatabase database, String runId, List<String> schemas) {
    this.database = database;
    this.runId = runId;
    this.schemas = schemas;
  }

  /** Creates the shared database and its {@code size} empty tenant schemas. */
  public static TenantFleet provision(LocalDatabaseServer postgres, String name, int size) {
    String runId = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    TestDatabase database = postgres.createDatabase("rel_" + name);
    List<String> schemas = IntStream.range(0, size).mapToObj(i -> runId + "_" + i).toList();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.addBatch("CREATE SCHEMA " + schema);
      }
      s.executeBatch();
    } catch (SQLException e) {
      database.close();
      throw new IllegalStateException("cannot create the tenant schemas: " + e.getMessage(), e);
    }
    return new TenantFleet(database, runId, schemas);
  }

  public String region() {
    return "rel-" + runId.substring(1);
  }

  public String sharedDatabaseId() {
    return runId + "-shared";
  }

  public String tenantPrefix() {
    return runId + "-t";
  }

  public int size() {
    return schemas.size();
  }

  public TestDatabase database() {
    return database;
  }

  /**
   * Registers the shared database (reached on {@code port}: the server's or a proxy's) and every tenant, none of them
   * migrated at once: the test starts one execution for all of them.
   */
  public void register(LifecycleEventPublisher publisher, int port) throws Exception {
    publisher.databaseCreated(new DatabaseConnection(sharedDatabaseId(), database.databaseName(),
        ConnectionType.SHARED, region(), Engine.POSTGRESQL, database.host(), port, database.username(), null, false,
        null, null), Priority.HIGH).get(60, TimeUnit.SECONDS);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = 0; i < schemas.size(); i++) {
      sent.add(publisher.tenantCreated(new TenantCreated(tenantPrefix() + i, null, region(), TenantIsolation.SCHEMA,
          schemas.get(i), null, false, null), Priority.NORMAL));
    }
    publisher.flush();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
  }

  /** The request body of one migration of every tenant of this fleet to the latest version. */
  public String migrationRequest(int maxParallel) {
    return "{\"scope\":\"TENANT\",\"regions\":[\"" + region() + "\"],\"priority\":\"normal\","
        + "\"rollout_policy\":{\"max_parallel\":" + maxParallel + "}}";
  }

  /** How many schemas already hold the latest version (a cheap progress probe that needs no Kafka). */
  public int schemasAtLatest() throws SQLException {
    String latest = TENANT_VERSIONS.get(TENANT_VERSIONS.size() - 1);
    int done = 0;
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        if (!exists(s, schema)) {
          continue;
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema
            + ".flyway_schema_history WHERE success AND version = '" + latest + "'")) {
          rs.next();
          done += rs.getInt(1) > 0 ? 1 : 0;
        }
      }
    }
    return done;
  }

  /**
   * Every schema's history, checked: each of {@link #TENANT_VERSIONS} exactly once, in order, all successful, and
   * nothing else. Returns one line per schema that breaks the rule (empty when all is well).
   */
  public List<String> historyProblems() throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        if (!exists(s, schema)) {
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

  private static boolean exists(Statement s, String schema) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
        + "' AND tablename = 'flyway_schema_history'")) {
      rs.next();
      return rs.getInt(1) > 0;
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
