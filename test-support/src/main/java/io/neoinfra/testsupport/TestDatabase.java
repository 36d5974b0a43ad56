package io.neoinfra.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database or schema created for one test on a local server, dropped by {@link #close()}. {@code schema} is null
 * for a whole database.
 */
public record TestDatabase(
    LocalDatabaseServer server, String engine, String host, int port, String databaseName, String schema,
    String username, String password)
    implements AutoCloseable {

  public String jdbcUrl() {
    return server.jdbcUrl(databaseName);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), username, password);
  }

  @Override
  public void close() {
    if (schema != null) {
      server.dropSchema(databaseName, schema);
    } else {
      server.dropDatabase(databaseName);
    }
  }
}
