package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.registry.DatabaseRecord;
import java.time.Instant;

/**
 * A registered database as the API shows it: everything but the password, which has no field here at all.
 *
 * @param status {@code registered} once the processor wrote it to the registry, {@code pending} before
 * @param tls the connection's TLS mode and trust bundle name; null when it has none (the workers' default)
 */
record ConnectionView(
    String id,
    String databaseId,
    String databaseName,
    ConnectionType connectionType,
    String region,
    Engine engine,
    String host,
    Integer port,
    String username,
    boolean autoMigrate,
    Integer migrationTimeout,
    String tenantId,
    Instant registeredAt,
    Instant updatedAt,
    String status,
    TlsSettings tls) {

  static ConnectionView of(DatabaseRecord r, boolean pending) {
    return new ConnectionView(r.databaseId(), r.databaseId(), r.databaseName(), r.connectionType(), r.region(),
        r.engine(), r.host(), r.port(), r.username(), r.autoMigrate(),
        r.migrationTimeout() > 0 ? r.migrationTimeout() : null, r.tenantId(), r.registeredAt(), r.updatedAt(),
        pending ? "pending" : "registered", r.tls());
  }
}
