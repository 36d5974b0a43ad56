package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.events.TlsSettings;

/**
 * The body of {@code POST /api/v1/databases/connections}; the password is plain only here and is never echoed.
 * {@code passwordRef} ({@code env:NAME} or {@code file:NAME}) names where the workers find it instead.
 */
record ConnectionRequest(
    String databaseId,
    String databaseName,
    String connectionType,
    String region,
    String engine,
    String host,
    Integer port,
    String username,
    String password,
    String passwordRef,
    Boolean autoMigrate,
    Integer migrationTimeout,
    String tenantId,
    String priority,
    TlsSettings tls) {

  @Override
  public String toString() {
    return "ConnectionRequest[databaseId=" + databaseId + ", databaseName=" + databaseName + ", password=<redacted>]";
  }
}
