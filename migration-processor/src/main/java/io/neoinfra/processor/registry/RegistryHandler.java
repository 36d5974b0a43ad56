package io.neoinfra.processor.registry;

import io.neoinfra.processor.execution.ResolvedTarget;
import io.neoinfra.processor.execution.StartCommand;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelope;
import io.neoinfra.schemas.events.DatabaseConnectionFields;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantDeleted;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps the registry: {@code database.created/updated/deleted} become records (or tombstones) of
 * {@code neo.databases}, {@code tenant.created/deleted} of {@code neo.tenants}. A created database or tenant with
 * {@code auto_migrate} (the default) also yields the command that migrates it at once.
 */
public final class RegistryHandler {

  private final KeyValueStore<String, DatabaseRecord> localDatabases;
  private final KeyValueStore<String, TenantRecord> localTenants;
  private final ReadOnlyKeyValueStore<String, DatabaseRecord> allDatabases;
  private final RegistryOutputs outputs;
  private final int defaultTimeoutSeconds;

  public RegistryHandler(KeyValueStore<String, DatabaseRecord> localDatabases,
      KeyValueStore<String, TenantRecord> localTenants, ReadOnlyKeyValueStore<String, DatabaseRecord> allDatabases,
      RegistryOutputs outputs, int defaultTimeoutSeconds) {
    this.localDatabases = localDatabases;
    this.localTenants = localTenants;
    this.allDatabases = allDatabases;
    this.outputs = outputs;
    this.defaultTimeoutSeconds = defaultTimeoutSeconds;
  }

  /** Where the registry's decisions go. */
  public interface RegistryOutputs {
    void database(String databaseId, DatabaseRecord record);

    void tenant(String tenantId, TenantRecord record);

    void start(StartCommand command);
  }

  public void databaseUpserted(LifecycleEnvelope envelope, DatabaseConnectionFields event, Priority priority,
      Instant now) {
    DatabaseRecord previous = localDatabases.get(event.databaseId());
    DatabaseRecord record = new DatabaseRecord(event.databaseId(), event.databaseName(), event.connectionType(),
        event.region(), event.engine() == null ? Engine.POSTGRESQL : event.engine(), event.host(), event.port(),
        event.username(), event.password(), event.passwordRef(), event.autoMigrate() == null || event.autoMigrate(),
        event.migrationTimeout() == null ? defaultTimeoutSeconds : event.migrationTimeout(), event.tenantId(),
        previous == null ? now : previous.registeredAt(), now, event.tls());
    localDatabases.put(record.databaseId(), record);
    outputs.database(record.databaseId(), record);
    if (event instanceof DatabaseCreated && record.autoMigrate()) {
      ResolvedTarget target = Targets.database(record, null);
      outputs.start(autoCommand(envelope, record.databaseId(), record.connectionType().scope(), priority,
          TriggeredBy.DATABASE_CREATED_EVENT, List.of(target), null, now));
    }
  }

  public void databaseDeleted(DatabaseDeleted event) {
    localDatabases.delete(event.databaseId());
    outputs.database(event.databaseId(), null);
  }

  public void tenantCreated(LifecycleEnvelope envelope, TenantCreated event, Priority priority, Instant now) {
    TenantRecord previous = localTenants.get(event.tenantId());
    TenantIsolation isolation = event.isolation() == null ? TenantIsolation.SCHEMA : event.isolation();
    TenantRecord draft = new TenantRecord(event.tenantId(), event.tenantName(), event.region(), isolation,
        event.schemaName(), event.databaseId(), event.autoMigrate() == null || event.autoMigrate(),
        event.migrationTimeout(), previous == null ? now : previous.registeredAt());
    TenantRecord record = isolation == TenantIsolation.SCHEMA
        ? new TenantRecord(draft.tenantId(), draft.tenantName(), draft.region(), isolation, Targets.schemaName(draft),
            null, draft.autoMigrate(), draft.migrationTimeout(), draft.registeredAt())
        : draft;
    localTenants.put(record.tenantId(), record);
    outputs.tenant(record.tenantId(), record);
    if (!record.autoMigrate()) {
      return;
    }
    Optional<ResolvedTarget> target;
    String problem;
    if (isolation == TenantIsolation.SCHEMA) {
      target = Targets.sharedDatabaseOf(record.region(), allDatabases)
          .map(shared -> Targets.tenantSchema(record, shared, null));
      problem = "no shared database registered in region " + record.region() + " for tenant " + record.tenantId();
    } else {
      target = Optional.ofNullable(allDatabases.get(record.databaseId())).map(db -> {
        ResolvedTarget t = Targets.database(db, record.migrationTimeout());
        return new ResolvedTarget(t.targetId(), t.databaseId(), null, Scope.TENANT, t.connection(),
            t.timeoutSeconds(), List.of());
      });
      problem = "dedicated database " + record.databaseId() + " of tenant " + record.tenantId() + " is not registered";
    }
    outputs.start(autoCommand(envelope, record.tenantId(), Scope.TENANT, priority, TriggeredBy.TENANT_CREATED_EVENT,
        target.map(List::of).orElse(List.of()), target.isPresent() ? null : problem, now));
  }

  public void tenantDeleted(TenantDeleted event) {
    localTenants.delete(event.tenantId());
    outputs.tenant(event.tenantId(), null);
  }

  /**
   * The execution id of an auto-migration is derived from the event id, so that a re-delivered event maps to the
   * same execution and starts nothing twice.
   */
  static String autoExecutionId(LifecycleEnvelope envelope, String subject) {
    return UUID.nameUUIDFromBytes(("auto|" + envelope.id() + "|" + subject).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private static StartCommand autoCommand(LifecycleEnvelope envelope, String subject, Scope scope, Priority priority,
      TriggeredBy triggeredBy, List<ResolvedTarget> targets, String rejectReason, Instant now) {
    return new StartCommand(autoExecutionId(envelope, subject), ExecutionKind.MIGRATION, scope,
        MigrationOperation.MIGRATE, List.of(), List.of(), null, false, priority, false, RolloutPolicy.defaults(),
        null, null, new ExecutionMetadata(triggeredBy, envelope.id(), null), targets, rejectReason, now);
  }
}
