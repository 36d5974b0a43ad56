package io.neoinfra.processor.registry;

import io.neoinfra.processor.execution.ResolvedTarget;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** How a registry record becomes a target. */
public final class Targets {

  private Targets() {}

  /** A whole database, migrated with the set of its connection type. */
  public static ResolvedTarget database(DatabaseRecord db, Integer timeoutOverride) {
    return new ResolvedTarget(db.databaseId(), db.databaseId(), null, db.connectionType().scope(),
        connection(db, null), timeoutOverride != null ? timeoutOverride : db.migrationTimeout(), List.of());
  }

  /** A tenant schema inside the shared database {@code shared}, migrated with the tenant set. */
  public static ResolvedTarget tenantSchema(TenantRecord tenant, DatabaseRecord shared, Integer timeoutOverride) {
    String schema = schemaName(tenant);
    int timeout = timeoutOverride != null ? timeoutOverride
        : tenant.migrationTimeout() != null ? tenant.migrationTimeout() : shared.migrationTimeout();
    return new ResolvedTarget(ResolvedTarget.targetId(shared.databaseId(), schema), shared.databaseId(), schema,
        Scope.TENANT, connection(shared, schema), timeout, List.of());
  }

  public static TargetConnection connection(DatabaseRecord db, String schema) {
    return new TargetConnection(db.engine(), db.host(), db.port(), db.databaseName(), schema, db.username(),
        db.password(), db.passwordRef(), db.tls());
  }

  /**
   * The tenant's schema: {@code schema_name}, else {@code tenant_<tenant id>} made a valid SQL name (lower case,
   * anything but letters, digits and {@code _} becomes {@code _}, at most 63 characters).
   */
  public static String schemaName(TenantRecord tenant) {
    if (tenant.schemaName() != null) {
      return tenant.schemaName();
    }
    String name = ("tenant_" + tenant.tenantId()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  /**
   * The shared database of a region: with several, the one with the smallest id, so that every instance picks the
   * same.
   */
  public static Optional<DatabaseRecord> sharedDatabaseOf(String region,
      ReadOnlyKeyValueStore<String, DatabaseRecord> databases) {
    DatabaseRecord best = null;
    try (KeyValueIterator<String, DatabaseRecord> it = databases.all()) {
      while (it.hasNext()) {
        DatabaseRecord db = it.next().value;
        if (db != null && db.connectionType() == io.neoinfra.schemas.events.ConnectionType.SHARED
            && region != null && region.equals(db.region())
            && (best == null || db.databaseId().compareTo(best.databaseId()) < 0)) {
          best = db;
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
