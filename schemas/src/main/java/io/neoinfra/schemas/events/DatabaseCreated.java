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
    String tenantId)
    implements LifecycleEvent, DatabaseConnectionFields {

  /** Without {@code password_ref}: the password, if any, travels sealed. */
  public DatabaseCreated(String databaseId, String databaseName, ConnectionType connectionType, String region, Engine engine,
      String host, Integer port, String username, EncryptedSecret password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId);
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
