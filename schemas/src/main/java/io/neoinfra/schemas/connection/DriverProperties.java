package io.neoinfra.schemas.connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place where driver settings are chosen. Every option a driver receives is in the explicit lists below;
 * nothing a caller sends becomes a driver option, because connection fields are values ({@link ValidConnection}) and
 * the URL holds only the validated host, port and database name. Engine-specific options (TLS, say) are added here.
 *
 * @param connectTimeout how long the driver may take to open the socket and log in
 * @param socketTimeout longest wait for one answer of the server; zero for none (long migrations)
 * @param applicationName shown by the server for the platform's sessions
 * @param network where the socket may connect (checked on the resolved address)
 * @param embeddedDataDir where H2 databases live as files; empty: H2 databases live in memory while the JVM runs
 */
public record DriverProperties(Duration connectTimeout, Duration socketTimeout, String applicationName,
    NetworkPolicy network, Optional<Path> embeddedDataDir) {

  /** How long an H2 statement waits for a lock held by another task's connection. */
  public static final int H2_LOCK_TIMEOUT_MILLIS = 60_000;

  public DriverTarget forTarget(ValidConnection connection, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", connection.username());
    if (password != null) {
      properties.setProperty("password", password);
    }
    String url = switch (connection.engine()) {
      case POSTGRESQL -> {
        postgresql(properties);
        yield "jdbc:postgresql://" + host(connection) + ":" + connection.port() + "/" + connection.databaseName();
      }
      // One driver for both: Connector/J speaks to MySQL servers too.
      case MARIADB, MYSQL -> {
        mariadb(properties);
        yield "jdbc:mariadb://" + host(connection) + ":" + connection.port() + "/" + connection.databaseName();
      }
      case H2 -> {
        h2(properties);
        yield "jdbc:h2:" + h2Location(connection.databaseName());
      }
    };
    return new DriverTarget(url, properties);
  }

  private void postgresql(Properties properties) {
    properties.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
    properties.setProperty("socketTimeout", String.valueOf(socketTimeout.toSeconds()));
    properties.setProperty("ApplicationName", applicationName);
    properties.setProperty("socketFactory", PolicedSocketFactory.class.getName());
    properties.setProperty("socketFactoryArg", network.toText());
  }

  private void mariadb(Properties properties) {
    properties.setProperty("connectTimeout", String.valueOf(connectTimeout.toMillis()));
    properties.setProperty("socketTimeout", String.valueOf(socketTimeout.toMillis()));
    // The driver's default lets the server ask for any file of ours (LOAD DATA LOCAL INFILE).
    properties.setProperty("allowLocalInfile", "false");
    properties.setProperty("socketFactory", MariaDbPolicedSocketFactory.class.getName());
    properties.setProperty(MariaDbPolicedSocketFactory.POLICY_OPTION, network.toText());
  }

  // Tenant schemas of one H2 database share one file; H2 makes a statement wait 2 s at most for another's lock, so
  // parallel tasks' DDL would fail each other under load. They wait their turn instead (the task timeout still bounds
  // them).
  private static void h2(Properties properties) {
    properties.setProperty("LOCK_TIMEOUT", String.valueOf(H2_LOCK_TIMEOUT_MILLIS));
  }

  // The name is a plain identifier (no separator, no ';'), so it names one file inside the data directory and adds
  // no H2 setting; DB_CLOSE_DELAY keeps an in-memory database alive between the pool's connections.
  private String h2Location(String databaseName) {
    return embeddedDataDir
        .map(dir -> "file:" + dir.toAbsolutePath().normalize().resolve(databaseName))
        .orElse("mem:" + databaseName + ";DB_CLOSE_DELAY=-1");
  }

  private static String host(ValidConnection connection) {
    return connection.host().orElseThrow(() -> new IllegalArgumentException("a network engine needs a host"))
        .forUrl();
  }
}
