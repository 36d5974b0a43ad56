package io.neoinfra.schemas.registry;

import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.events.TlsSettings;
import java.time.Instant;

/**
 * A registered database on the compacted {@code neo.databases}, keyed by database id; a tombstone on delete. Written
 * only by the processor. The password is the ciphertext it arrived as, or a reference the workers resolve
 * ({@code password_ref}); {@code tls} is null when the event carried none.
 */
public record DatabaseRecord(
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
    boolean autoMigrate,
    int migrationTimeout,
    String tenantId,
    Instant registeredAt,
    Instant updatedAt,
    TlsSettings tls) {

  /** Without {@code password_ref} and {@code tls}. */
  public DatabaseRecord(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, EncryptedSecret password, boolean autoMigrate,
      int migrationTimeout, String tenantId, Instant registeredAt, Instant updatedAt) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId, registeredAt, updatedAt, null);
  }

  /** Without {@code password_ref}. */
  public DatabaseRecord(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, EncryptedSecret password, boolean autoMigrate,
      int migrationTimeout, String tenantId, Instant registeredAt, Instant updatedAt, TlsSettings tls) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId, registeredAt, updatedAt, tls);
  }

  /** Without {@code tls}. */
  public DatabaseRecord(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, EncryptedSecret password, PasswordRef passwordRef,
      boolean autoMigrate, int migrationTimeout, String tenantId, Instant registeredAt, Instant updatedAt) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, passwordRef,
        autoMigrate, migrationTimeout, tenantId, registeredAt, updatedAt, null);
  }
}
