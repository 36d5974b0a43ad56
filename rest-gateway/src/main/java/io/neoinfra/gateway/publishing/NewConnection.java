package io.neoinfra.gateway.publishing;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;

/** A database to register, as an operator typed it: the password is still plain here and only here. */
public record NewConnection(
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
    String tenantId) {

  @Override
  public String toString() {
    return "NewConnection[databaseId=" + databaseId + ", databaseName=" + databaseName + ", connectionType="
        + connectionType + ", region=" + region + ", engine=" + engine + ", host=" + host + ", port=" + port
        + ", username=" + username + ", password=<redacted>]";
  }
}
