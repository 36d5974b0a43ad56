package io.neoinfra.producer.publish;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TlsSettings;

/**
 * A database as a publishing service knows it, with the password in plain text. The publisher encrypts the password
 * before building the event, so it never reaches a topic in clear; {@link #toString()} never shows it.
 */
public record DatabaseConnection(
    String databaseId,
    String databaseName,
    ConnectionType connectionType,
    String region,
    Engine engine,
    String host,
    Integer port,
    String username,
    String password,
    Boolean autoMigrate,
    Integer migrationTimeout,
    String tenantId,
    TlsSettings tls) {

  /** Without {@code tls}: the workers' default (see {@link TlsSettings}). */
  public DatabaseConnection(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, String password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, autoMigrate,
        migrationTimeout, tenantId, null);
  }

  @Override
  public String toString() {
    return "DatabaseConnection[databaseId=" + databaseId + ", databaseName=" + databaseName + ", connectionType="
        + connectionType + ", region=" + region + ", engine=" + engine + ", host=" + host + ", port=" + port
        + ", username=" + username + ", password=" + (password == null ? "null" : "****") + ", autoMigrate="
        + autoMigrate + ", migrationTimeout=" + migrationTimeout + ", tenantId=" + tenantId + ", tls=" + tls + "]";
  }
}
