package io.neoinfra.gateway.migrations;

import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.gateway.state.KeyedStore;
import io.neoinfra.gateway.state.TargetVersion;
import io.neoinfra.gateway.state.Versions;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.registry.DatabaseRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Computes {@code admin_status}, {@code regional_status} and {@code tenant_status} from the view: a registered
 * database belongs to its connection type's scope, a tenant schema (a target with a schema) to TENANT.
 */
@Component
class MigrationStatus {

  private final ExecutionStore executions;
  private final KeyedStore<DatabaseRecord> databases;

  MigrationStatus(ExecutionStore executions, KeyedStore<DatabaseRecord> databases) {
    this.executions = executions;
    this.databases = databases;
  }

  private record Target(Scope scope, String version, boolean failing) {}

  Map<Scope, ScopeStatus> compute() {
    Map<String, Target> targets = new HashMap<>();
    databases.all().forEach(db -> targets.put(db.databaseId(),
        new Target(db.connectionType().scope(), null, false)));
    for (TargetVersion tv : executions.targetVersions()) {
      Scope scope;
      if (tv.schema() != null) {
        scope = Scope.TENANT;
      } else {
        Target registered = targets.get(tv.databaseId());
        if (registered == null) {
          continue; // deregistered since
        }
        scope = registered.scope();
      }
      targets.put(tv.key(), new Target(scope, tv.version(), tv.failing()));
    }
    Map<Scope, List<Target>> byScope = new EnumMap<>(Scope.class);
    for (Scope s : List.of(Scope.ADMIN, Scope.REGIONAL, Scope.TENANT)) {
      byScope.put(s, new ArrayList<>());
    }
    targets.values().forEach(t -> byScope.get(t.scope()).add(t));
    Map<Scope, ScopeStatus> result = new EnumMap<>(Scope.class);
    byScope.forEach((scope, list) -> result.put(scope, summarize(list)));
    return result;
  }

  long running() {
    return executions.all().filter(e -> !e.status().terminal()).count();
  }

  private static ScopeStatus summarize(List<Target> targets) {
    String latest = targets.stream().map(Target::version).filter(v -> v != null)
        .max(Versions.ORDER).orElse(null);
    Map<String, Integer> versions = new TreeMap<>();
    int behind = 0;
    int failing = 0;
    for (Target t : targets) {
      versions.merge(t.version() == null ? "none" : t.version(), 1, Integer::sum);
      if (latest != null && (t.version() == null || Versions.compare(t.version(), latest) < 0)) {
        behind++;
      }
      if (t.failing()) {
        failing++;
      }
    }
    return new ScopeStatus(targets.size(), latest, versions, behind, failing);
  }

}
