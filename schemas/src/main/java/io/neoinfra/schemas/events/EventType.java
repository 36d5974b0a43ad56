package io.neoinfra.schemas.events;

import java.util.Arrays;
import java.util.Optional;

/** The platform's lifecycle events and commands: the CloudEvents {@code ce_type}, its schema and its record. */
public enum EventType {
  TENANT_CREATED("io.neoinfra.tenant.created", "tenant-created", TenantCreated.class),
  TENANT_DELETED("io.neoinfra.tenant.deleted", "tenant-deleted", TenantDeleted.class),
  DATABASE_CREATED("io.neoinfra.database.created", "database-created", DatabaseCreated.class),
  DATABASE_UPDATED("io.neoinfra.database.updated", "database-updated", DatabaseUpdated.class),
  DATABASE_DELETED("io.neoinfra.database.deleted", "database-deleted", DatabaseDeleted.class),
  MIGRATION_REQUESTED("io.neoinfra.migration.requested", "migration-requested", MigrationRequested.class),
  ROLLBACK_REQUESTED("io.neoinfra.rollback.requested", "rollback-requested", RollbackRequested.class);

  private final String ceType;
  private final String schemaName;
  private final Class<? extends LifecycleEvent> recordType;

  EventType(String ceType, String schemaName, Class<? extends LifecycleEvent> recordType) {
    this.ceType = ceType;
    this.schemaName = schemaName;
    this.recordType = recordType;
  }

  /** The CloudEvents {@code type} attribute. */
  public String ceType() {
    return ceType;
  }

  /** The JSON Schema file name without extension, e.g. {@code database-created}. */
  public String schemaName() {
    return schemaName;
  }

  public Class<? extends LifecycleEvent> recordType() {
    return recordType;
  }

  public static Optional<EventType> fromCeType(String ceType) {
    return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
  }
}
