package io.neoinfra.schemas.validation;

import io.neoinfra.schemas.events.EventType;

/** Every JSON Schema this module ships: the seven lifecycle events, the internal records and
 * the health check's request and answer. */
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
  TENANT_RECORD("tenant-record"),
  HEALTH_REQUEST("health-request"),
  HEALTH_RESULT("health-result");

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
