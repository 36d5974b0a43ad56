package io.neoinfra.schemas.events;

/** A lifecycle event or command published to {@code neo.lifecycle.<priority>}. */
public sealed interface LifecycleEvent
    permits TenantCreated, TenantDeleted, DatabaseCreated, DatabaseUpdated, DatabaseDeleted, MigrationRequested,
        RollbackRequested {

  EventType type();

  /** The record key: the tenant id, the database id, or the execution id for commands. */
  String key();
}
