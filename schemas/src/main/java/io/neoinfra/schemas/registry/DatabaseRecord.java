package io.neoinfra.schemas.registry;

import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import java.time.Instant;

/**
 * A registered database on the compacted {@code neo.databases}, keyed by database id; a tombstone on delete. Written
 * only by the processor. The password is the ciphertext it arrived as.
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
    Instant updatedAt) {

  /** Without {@code password_ref}. */
  public DatabaseRecord(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, EncryptedSecret password, boolean autoMigrate,
      int migrationTimeout, String tenantId, Instant registeredAt, Instant updatedAt) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null, autoMigrate,
        migrationTimeout, tenantId, registeredAt, updatedAt);
  }
}
