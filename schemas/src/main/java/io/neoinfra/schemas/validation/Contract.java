package io.neoinfra.schemas.validation;

import io.neoinfra.schemas.events.EventType;

/** Every JSON Schema this module ships: the seven lifecycle events and the internal records. */
public enum Contract {
  TENANT_CREATED(EventType.TENANT_CREATED.schemaName()),
  TENANT_DELETED(EventType.TENANT_DELETED.schemaName()),
  DATABASE_CREATED(EventType.DATABASE_CREATED.schemaName()),
  DATABASE_UPDATED(EventType.DATABASE_UPDATED.schemaName()),
  DATABASE_DELETED(EventType.DATABASE_DELETED.schemaName()),
  MIGRATION_REQUESTED(EventType.MIGRATION_REQUESTED.schemaName()),
  ROLLBACK_REQUESTED(EventType.ROLLBACK_REQUESTED.schemaName()),
  MIGRATION_TASK("migration-task"),
  TASK_RESULT("task-result"),
  EXECUTION_VIEW("execution-view"),
  DATABASE_RECORD("database-record"),
  TENANT_RECORD("tenant-record");

  private final String schemaName;

  Contract(String schemaName) {
    this.schemaName = schemaName;
  }

  public String schemaName() {
    return schemaName;
  }

  public static Contract of(EventType type) {
    return valueOf(type.name());
  }
}
