package io.neoinfra.processor.registry;

import io.neoinfra.processor.execution.ResolvedTarget;
import io.neoinfra.processor.execution.StartCommand;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Resolves a {@code migration.requested} scope into targets from the registry: ADMIN = admin databases, REGIONAL =
 * shared databases, TENANT = tenant schemas (in their region's shared database) and dedicated databases, ALL = all
 * three. {@code regions} keeps the targets of those regions; {@code target_databases} keeps the targets whose
 * database id or target id is listed, and an id that matches nothing makes the request invalid.
 */
public final class TargetResolver {

  private final ReadOnlyKeyValueStore<String, DatabaseRecord> databases;
  private final ReadOnlyKeyValueStore<String, TenantRecord> tenants;

  public TargetResolver(ReadOnlyKeyValueStore<String, DatabaseRecord> databases,
      ReadOnlyKeyValueStore<String, TenantRecord> tenants) {
    this.databases = databases;
    this.tenants = tenants;
  }

  /** The targets, or every reason the request cannot be resolved. */
  public Resolution resolve(StartCommand command) {
    Scope scope = command.scope();
    Map<String, ResolvedTarget> found = new LinkedHashMap<>();
    List<DatabaseRecord> all = new ArrayList<>();
    try (KeyValueIterator<String, DatabaseRecord> it = databases.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value != null) {
          all.add(kv.value);
        }
      });
    }
    for (DatabaseRecord db : all) {
      boolean wanted = switch (db.connectionType()) {
        case ADMIN -> scope == Scope.ADMIN || scope == Scope.ALL;
        case SHARED -> scope == Scope.REGIONAL || scope == Scope.ALL;
        case DEDICATED -> scope == Scope.TENANT || scope == Scope.ALL;
      };
      if (wanted && inRegions(command, db.region())) {
        ResolvedTarget t = Targets.database(db, command.timeoutSeconds());
        found.put(t.targetId(), t);
      }
    }
    if (scope == Scope.TENANT || scope == Scope.ALL) {
      try (KeyValueIterator<String, TenantRecord> it = tenants.all()) {
        while (it.hasNext()) {
          TenantRecord tenant = it.next().value;
          if (tenant == null || tenant.isolation() != TenantIsolation.SCHEMA || !inRegions(command, tenant.region())) {
            continue;
          }
          Optional<DatabaseRecord> shared = all.stream()
              .filter(db -> db.connectionType() == ConnectionType.SHARED && tenant.region().equals(db.region()))
              .min((a, b) -> a.databaseId().compareTo(b.databaseId()));
          shared.map(db -> Targets.tenantSchema(tenant, db, command.timeoutSeconds()))
              .ifPresent(t -> found.put(t.targetId(), t));
        }
      }
    }
    List<ResolvedTarget> targets = new ArrayList<>(found.values());
    if (command.targetDatabases().isEmpty()) {
      return new Resolution(targets, List.of());
    }
    Set<String> wanted = new LinkedHashSet<>(command.targetDatabases());
    List<ResolvedTarget> kept = targets.stream()
        .filter(t -> wanted.contains(t.databaseId()) || wanted.contains(t.targetId())).toList();
    Set<String> unknown = new LinkedHashSet<>(wanted);
    kept.forEach(t -> {
      unknown.remove(t.databaseId());
      unknown.remove(t.targetId());
    });
    if (!unknown.isEmpty()) {
      return new Resolution(List.of(), List.of("target_databases not registered in scope " + scope + ": "
          + String.join(", ", unknown)));
    }
    return new Resolution(kept, List.of());
  }

  private static boolean inRegions(StartCommand command, String region) {
    return command.regions().isEmpty() || (region != null && command.regions().contains(region));
  }

  /** Targets, or the reasons there are none to run. */
  public record Resolution(List<ResolvedTarget> targets, List<String> problems) {}
}
