package io.neoinfra.gateway.migrations;

import io.neoinfra.schemas.events.RolloutPolicy;
import java.util.List;

/** The body of {@code POST /api/v1/migrations/dynamic}, already checked against its JSON Schema. */
record DynamicMigrationRequest(
    String scope,
    List<String> targetDatabases,
    List<String> regions,
    String targetVersion,
    Boolean dryRun,
    Boolean forceExecution,
    String priority,
    String operation,
    Integer migrationTimeout,
    RolloutPolicy rolloutPolicy) {

  DynamicMigrationRequest {
    targetDatabases = targetDatabases == null ? List.of() : List.copyOf(targetDatabases);
    regions = regions == null ? List.of() : List.copyOf(regions);
  }
}
