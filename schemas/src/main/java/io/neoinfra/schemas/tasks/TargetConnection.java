package io.neoinfra.schemas.tasks;

import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;

/**
 * Everything a stateless worker needs to reach a target. {@code schema} is set for a tenant schema inside a shared
 * database (Flyway {@code schemas}); a worker pools connections per database, not per schema. The password is
 * either sealed ({@code password}) or found by the worker ({@code password_ref}).
 */
public record TargetConnection(
    Engine engine, String host, Integer port, String databaseName, String schema, String username,
    EncryptedSecret password, PasswordRef passwordRef) {

  /** Without {@code password_ref}. */
  public TargetConnection(Engine engine, String host, Integer port, String databaseName, String schema,
      String username, EncryptedSecret password) {
    this(engine, host, port, databaseName, schema, username, password, null);
  }

  /** Identifies the database (not the schema): the pool and circuit-breaker key. */
  public String databaseKey() {
    return engine.wireName() + "://" + (host == null ? "" : host) + ":" + (port == null ? engine.defaultPort() : port)
        + "/" + databaseName + "?user=" + username;
  }

  @Override
  public String toString() {
    return "TargetConnection[" + databaseKey() + (schema == null ? "" : " schema=" + schema) + "]";
  }
}
