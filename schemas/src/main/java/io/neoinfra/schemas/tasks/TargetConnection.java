package io.neoinfra.schemas.tasks;

import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.events.TlsSettings;

/**
 * Everything a stateless worker needs to reach a target. {@code schema} is set for a tenant schema inside a shared
 * database (Flyway {@code schemas}); a worker pools connections per database, not per schema. The password is
 * either sealed ({@code password}) or found by the worker ({@code password_ref}). {@code tls} null: the worker's
 * default.
 */
public record TargetConnection(
    Engine engine, String host, Integer port, String databaseName, String schema, String username,
    EncryptedSecret password, PasswordRef passwordRef, TlsSettings tls) {

  /** Without {@code password_ref}. */
  public TargetConnection(Engine engine, String host, Integer port, String databaseName, String schema,
      String username, EncryptedSecret password, TlsSettings tls) {
    this(engine, host, port, databaseName, schema, username, password, null, tls);
  }

  /** Without {@code tls}: the worker's default (see {@link TlsSettings}). */
  public TargetConnection(Engine engine, String host, Integer port, String databaseName, String schema,
      String username, EncryptedSecret password, PasswordRef passwordRef) {
    this(engine, host, port, databaseName, schema, username, password, passwordRef, null);
  }

  /** Without {@code password_ref} and {@code tls}. */
  public TargetConnection(Engine engine, String host, Integer port, String databaseName, String schema,
      String username, EncryptedSecret password) {
    this(engine, host, port, databaseName, schema, username, password, null, null);
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
