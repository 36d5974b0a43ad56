package io.neoinfra.processor.execution;

import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.util.List;

/**
 * One target of an execution, resolved from the registry: a database, or a tenant schema inside a shared database.
 * {@code targetId} is the database id, or {@code <database id>/<schema>} for a tenant schema.
 */
public record ResolvedTarget(
    String targetId,
    String databaseId,
    String schema,
    Scope migrationSet,
    TargetConnection connection,
    int timeoutSeconds,
    List<String> undoVersions) {

  public ResolvedTarget {
    undoVersions = undoVersions == null ? List.of() : List.copyOf(undoVersions);
  }

  public static String targetId(String databaseId, String schema) {
    return schema == null ? databaseId : databaseId + "/" + schema;
  }
}
