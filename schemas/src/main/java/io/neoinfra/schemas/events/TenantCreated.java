package io.neoinfra.schemas.events;

/**
 * A tenant was created. With isolation {@code schema} (the default) its target is the schema {@code schema_name}
 * (default {@code tenant_<tenant_id>}) inside the shared database of {@code region}; with {@code database} it is the
 * registered database {@code database_id}.
 */
public record TenantCreated(
    String tenantId,
    String tenantName,
    String region,
    TenantIsolation isolation,
    String schemaName,
    String databaseId,
    Boolean autoMigrate,
    Integer migrationTimeout)
    implements LifecycleEvent {

  @Override
  public EventType type() {
    return EventType.TENANT_CREATED;
  }

  @Override
  public String key() {
    return tenantId;
  }
}
