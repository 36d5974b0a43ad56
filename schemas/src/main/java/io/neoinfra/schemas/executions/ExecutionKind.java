package io.neoinfra.schemas.executions;

/** A forward execution (migrate, validate, info) or a rollback of one. */
public enum ExecutionKind {
  MIGRATION,
  ROLLBACK
}
