package io.neoinfra.schemas.registry;

import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
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
    boolean autoMigrate,
    int migrationTimeout,
    String tenantId,
    Instant registeredAt,
    Instant updatedAt) {}
