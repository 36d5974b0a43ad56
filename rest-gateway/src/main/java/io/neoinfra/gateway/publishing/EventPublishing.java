package io.neoinfra.gateway.publishing;

import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.Priority;
import java.util.concurrent.CompletableFuture;

/**
 * What the gateway needs from the event-producer library: publish a lifecycle event on {@code neo.lifecycle.<prio>},
 * encrypting a new database's password first. Invalid events fail with
 * {@link io.neoinfra.schemas.validation.ContractViolationException} before anything is sent.
 */
public interface EventPublishing {

  CompletableFuture<Published> databaseCreated(NewConnection connection, Priority priority);

  CompletableFuture<Published> databaseDeleted(String databaseId, Priority priority);

  /** Tenant events, migration.requested and rollback.requested. */
  CompletableFuture<Published> publish(LifecycleEvent event, Priority priority);
}
