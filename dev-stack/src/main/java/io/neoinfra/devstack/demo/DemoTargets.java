package io.neoinfra.devstack.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo's databases: an admin database, a shared database for each of two regions with tenants as schemas, and
 * one tenant with a dedicated database. On a PostgreSQL that answers (trust auth, user postgres) they are real
 * databases, created if missing; otherwise H2 databases, so that the first run always works. An H2 database is
 * registered by its plain name; the worker keeps it as a file in its embedded data directory (the dev stack turns
 * embedded engines on and points that directory into its data directory).
 */
public record DemoTargets(String kind, List<DemoDatabase> databases, List<DemoTenant> tenants) {

  private static final List<String> NAMES = List.of("neo_demo_admin", "neo_demo_eu_west", "neo_demo_us_east",
      "neo_demo_globex");

  public static DemoTargets provision(String postgresHost, int postgresPort) {
    String url = "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/postgres?connectTimeout=2";
    try (Connection admin = DriverManager.getConnection(url, "postgres", "")) {
      for (String name : NAMES) {
        createIfMissing(admin, name);
      }
      return plan("postgresql", "postgresql", postgresHost, postgresPort, "postgres", name -> name);
    } catch (SQLException e) {
      return plan("h2 (no PostgreSQL answered on " + postgresHost + ":" + postgresPort + ")", "h2", null, null, "sa",
          name -> name);
    }
  }

  private static void createIfMissing(Connection admin, String name) throws SQLException {
    try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    try (Statement create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name); // fixed names from NAMES, never user input
    }
  }

  private static DemoTargets plan(String kind, String engine, String host, Integer port, String user,
      java.util.function.UnaryOperator<String> location) {
    List<DemoDatabase> databases = List.of(
        new DemoDatabase("demo-admin", location.apply("neo_demo_admin"), "admin", null, engine, host, port, user, null),
        new DemoDatabase("demo-eu-west", location.apply("neo_demo_eu_west"), "shared", "eu-west", engine, host, port,
            user, null),
        new DemoDatabase("demo-us-east", location.apply("neo_demo_us_east"), "shared", "us-east", engine, host, port,
            user, null),
        new DemoDatabase("demo-globex", location.apply("neo_demo_globex"), "dedicated", "us-east", engine, host, port,
            user, "globex"));
    List<DemoTenant> tenants = List.of(
        new DemoTenant("acme", "Acme Corp", "eu-west", "schema", null),
        new DemoTenant("initech", "Initech", "eu-west", "schema", null),
        new DemoTenant("umbrella", "Umbrella", "us-east", "schema", null),
        new DemoTenant("globex", "Globex", "us-east", "database", "demo-globex"));
    return new DemoTargets(kind, databases, tenants);
  }
}
