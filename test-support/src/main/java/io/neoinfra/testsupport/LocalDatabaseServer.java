package io.neoinfra.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The machine's local PostgreSQL (127.0.0.1:5432, trust auth, user postgres) or MariaDB (127.0.0.1:3306, root, empty
 * password). Each test creates its own databases or schemas with unique names and drops them afterwards.
 */
public final class LocalDatabaseServer {

  private final String engine;
  private final String host;
  private final int port;
  private final String adminDatabase;
  private final String username;
  private final String password;
  private final String howToStart;

  private LocalDatabaseServer(String engine, String host, int port, String adminDatabase, String username,
      String password, String howToStart) {
    this.engine = engine;
    this.host = host;
    this.port = port;
    this.adminDatabase = adminDatabase;
    this.username = username;
    this.password = password;
    this.howToStart = howToStart;
  }

  public static LocalDatabaseServer postgres() {
    return new LocalDatabaseServer("postgresql", env("NEO_TEST_PG_HOST", "127.0.0.1"),
        Integer.parseInt(env("NEO_TEST_PG_PORT", "5432")), "postgres", env("NEO_TEST_PG_USER", "postgres"),
        env("NEO_TEST_PG_PASSWORD", ""),
        "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start "
            + "(or install it: apt-get install postgresql)");
  }

  public static LocalDatabaseServer mariadb() {
    return new LocalDatabaseServer("mariadb", env("NEO_TEST_MARIADB_HOST", "127.0.0.1"),
        Integer.parseInt(env("NEO_TEST_MARIADB_PORT", "3306")), "", env("NEO_TEST_MARIADB_USER", "root"),
        env("NEO_TEST_MARIADB_PASSWORD", ""),
        "start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd "
            + "(or install it: apt-get install mariadb-server)");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public String engine() {
    return engine;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String jdbcUrl(String database) {
    return "postgresql".equals(engine)
        ? "jdbc:postgresql://" + host + ":" + port + "/" + database
        : "jdbc:mariadb://" + host + ":" + port + "/" + database;
  }

  /** Fails with a message that says how to start the server if it does not answer. */
  public Connection connectAdmin() {
    try {
      return DriverManager.getConnection(jdbcUrl(adminDatabase), username, password);
    } catch (SQLException e) {
      throw new LocalDatabaseUnavailableException(
          engine + " is not reachable on " + host + ":" + port + " (" + e.getMessage() + "); " + howToStart, e);
    }
  }

  /** A new, empty database named {@code <prefix>_<random>}. */
  public TestDatabase createDatabase(String prefix) {
    String name = uniqueIdentifier(prefix);
    execute(adminDatabase, "CREATE DATABASE " + name);
    return new TestDatabase(this, engine, host, port, name, null, username, password);
  }

  /** A new, empty schema inside {@code database}. On MariaDB a schema is a database, so this creates one. */
  public TestDatabase createSchema(String database, String prefix) {
    String name = uniqueIdentifier(prefix);
    if ("postgresql".equals(engine)) {
      execute(database, "CREATE SCHEMA " + name);
      return new TestDatabase(this, engine, host, port, database, name, username, password);
    }
    return createDatabase(prefix);
  }

  void dropDatabase(String name) {
    if ("postgresql".equals(engine)) {
      execute(adminDatabase, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } else {
      execute(adminDatabase, "DROP DATABASE IF EXISTS " + name);
    }
  }

  void dropSchema(String database, String schema) {
    execute(database, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private void execute(String database, String sql) {
    String url = jdbcUrl(database);
    try (Connection connection = database.equals(adminDatabase) ? connectAdmin()
            : DriverManager.getConnection(url, username, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' failed on " + engine + ": " + e.getMessage(), e);
    }
  }

  private static String uniqueIdentifier(String prefix) {
    return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
  }
}
