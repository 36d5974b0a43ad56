package io.neoinfra.schemas.events;

/** Roll back what execution {@code execution_id} applied, tracked as execution {@code rollback_id}. */
public record RollbackRequested(
    String rollbackId,
    String executionId,
    String strategy,
    Boolean dryRun,
    Priority priority,
    String requestedBy,
    TriggeredBy triggeredBy)
    implements LifecycleEvent {

  public static final String FLYWAY_UNDO = "flyway_undo";

  @Override
  public EventType type() {
    return EventType.ROLLBACK_REQUESTED;
  }

  @Override
  public String key() {
    return rollbackId;
  }
}
