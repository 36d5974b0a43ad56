package io.neoinfra.schemas.events;

/** A database is gone: the registry drops it (a tombstone on {@code neo.databases}). Nothing is dropped in the database. */
public record DatabaseDeleted(String databaseId) implements LifecycleEvent {

  @Override
  public EventType type() {
    return EventType.DATABASE_DELETED;
  }

  @Override
  public String key() {
    return databaseId;
  }
}
