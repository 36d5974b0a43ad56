package io.neoinfra.gateway.rollbacks;

/** The body of {@code POST …/executions/{id}/rollback}; empty means flyway_undo, not a dry run, normal priority. */
record RollbackRequest(String strategy, Boolean dryRun, String priority) {}
