package io.neoinfra.schemas.events;

import io.neoinfra.schemas.crypto.EncryptedSecret;

/**
 * A database was created and should be registered (and migrated at once unless {@code auto_migrate} is false).
 * {@code engine} defaults to postgresql, {@code port} to the engine's, {@code migration_timeout} (seconds) to the
 * processor's configured default.
 */
public record DatabaseCreated(
    String databaseId,
    String databaseName,
    ConnectionType connectionType,
    String region,
    Engine engine,
    String host,
    Integer port,
    String username,
    EncryptedSecret password,
    PasswordRef passwordRef,
    Boolean autoMigrate,
    Integer migrationTimeout,
    String tenantId,
    TlsSettings tls)
    implements LifecycleEvent, DatabaseConnectionFields {

  /** Without {@code password_ref} and {@code tls}: the password, if any, travels sealed; TLS is the worker's default. */
  public DatabaseCreated(String databaseId, String databaseName, ConnectionType connectionType, String region, Engine engine,
      String host, Integer port, String username, EncryptedSecret password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId, null);
  }

  /** Without {@code password_ref}: the password, if any, travels sealed. */
  public DatabaseCreated(String databaseId, String databaseName, ConnectionType connectionType, String region, Engine engine,
      String host, Integer port, String username, EncryptedSecret password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId, TlsSettings tls) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId, tls);
  }

  /** Without {@code tls}: the worker's default (see {@link TlsSettings}). */
  public DatabaseCreated(String databaseId, String databaseName, ConnectionType connectionType, String region, Engine engine,
      String host, Integer port, String username, EncryptedSecret password, PasswordRef passwordRef,
      Boolean autoMigrate, Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, passwordRef,
        autoMigrate, migrationTimeout, tenantId, null);
  }

  @Override
  public EventType type() {
    return EventType.DATABASE_CREATED;
  }

  @Override
  public String key() {
    return databaseId;
  }
}
