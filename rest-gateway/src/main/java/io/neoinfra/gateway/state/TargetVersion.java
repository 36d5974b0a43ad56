package io.neoinfra.gateway.state;

import java.time.Instant;

/**
 * Where one target (a database, or a schema inside one) stands after the newest execution that touched it.
 *
 * @param version the schema version it is at ({@code null}: unknown, e.g. a failed first migration)
 * @param failing whether that newest execution failed on it
 * @param lastExecutionId the execution that last moved (or failed to move) it
 */
public record TargetVersion(
    String databaseId, String schema, String version, boolean failing, String lastExecutionId, Instant updatedAt) {

  public String key() {
    return key(databaseId, schema);
  }

  static String key(String databaseId, String schema) {
    return schema == null ? databaseId : databaseId + "/" + schema;
  }
}
