package io.neoinfra.schemas.executions;

/** {@code QUEUED → RUNNING → SUCCEEDED | RETRY_SCHEDULED → … | FAILED (dead-lettered) | SKIPPED}. */
public enum TargetStatus {
  QUEUED,
  RUNNING,
  RETRY_SCHEDULED,
  SUCCEEDED,
  FAILED,
  SKIPPED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }
}
