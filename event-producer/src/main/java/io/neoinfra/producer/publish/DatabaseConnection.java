package io.neoinfra.producer.publish;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.PasswordRef;
import io.neoinfra.schemas.events.TlsSettings;

/**
 * A database as a publishing service knows it, with the password in plain text. The publisher seals the password
 * with the workers' public keyset before building the event, so it never reaches a topic in clear; {@link
 * #toString()} never shows it. Instead of a password, {@code passwordRef} names where the worker finds it.
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
    PasswordRef passwordRef,
    Boolean autoMigrate,
    Integer migrationTimeout,
    String tenantId,
    TlsSettings tls) {

  /** Without {@code passwordRef} and {@code tls}: the workers' default TLS. */
  public DatabaseConnection(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, String password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null,
        autoMigrate, migrationTimeout, tenantId, null);
  }

  /** Without {@code passwordRef}. */
  public DatabaseConnection(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, String password, Boolean autoMigrate,
      Integer migrationTimeout, String tenantId, TlsSettings tls) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, null,
        autoMigrate, migrationTimeout, tenantId, tls);
  }

  /** Without {@code tls}: the workers' default (see {@link TlsSettings}). */
  public DatabaseConnection(String databaseId, String databaseName, ConnectionType connectionType, String region,
      Engine engine, String host, Integer port, String username, String password, PasswordRef passwordRef,
      Boolean autoMigrate, Integer migrationTimeout, String tenantId) {
    this(databaseId, databaseName, connectionType, region, engine, host, port, username, password, passwordRef,
        autoMigrate, migrationTimeout, tenantId, null);
  }

  @Override
  public String toString() {
    return "DatabaseConnection[databaseId=" + databaseId + ", databaseName=" + databaseName + ", connectionType="
        + connectionType + ", region=" + region + ", engine=" + engine + ", host=" + host + ", port=" + port
        + ", username=" + username + ", password=" + (password == null ? "null" : "****") + ", passwordRef="
        + passwordRef + ", autoMigrate=" + autoMigrate + ", migrationTimeout=" + migrationTimeout + ", tenantId="
        + tenantId + ", tls=" + tls + "]";
  }
}
