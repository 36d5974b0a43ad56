package io.neoinfra.schemas.events;

/** A tenant is gone: its target is retired from the registry. Its schema or database is left in place. */
public record TenantDeleted(String tenantId) implements LifecycleEvent {

  @Override
  public EventType type() {
    return EventType.TENANT_DELETED;
  }

  @Override
  public String key() {
    return tenantId;
  }
}
