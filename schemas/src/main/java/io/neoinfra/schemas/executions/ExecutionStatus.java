package io.neoinfra.schemas.executions;

/** {@code PENDING → RUNNING → COMPLETED | FAILED | CANCELLED}, or {@code REJECTED}. */
public enum ExecutionStatus {
  PENDING,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED,
  REJECTED;

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == REJECTED;
  }
}
