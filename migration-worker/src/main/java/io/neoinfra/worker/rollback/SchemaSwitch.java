package io.neoinfra.worker.rollback;

import io.neoinfra.schemas.events.Engine;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Points a pooled connection at the tenant schema for the undo scripts and puts it back afterwards, since the pool
 * serves every schema of the database. MariaDB/MySQL call a schema a database (catalog).
 */
final class SchemaSwitch {

  private final Connection connection;
  private final Engine engine;
  private final String original;

  private SchemaSwitch(Connection connection, Engine engine, String original) {
    this.connection = connection;
    this.engine = engine;
    this.original = original;
  }

  static SchemaSwitch enter(Connection connection, Engine engine, String schema) throws SQLException {
    if (schema == null) {
      return new SchemaSwitch(connection, engine, null);
    }
    if (engine == Engine.MARIADB || engine == Engine.MYSQL) {
      String original = connection.getCatalog();
      connection.setCatalog(schema);
      return new SchemaSwitch(connection, engine, original);
    }
    String original = connection.getSchema();
    connection.setSchema(schema);
    return new SchemaSwitch(connection, engine, original);
  }

  void leave() throws SQLException {
    if (original == null) {
      return;
    }
    if (engine == Engine.MARIADB || engine == Engine.MYSQL) {
      connection.setCatalog(original);
    } else {
      connection.setSchema(original);
    }
  }
}
