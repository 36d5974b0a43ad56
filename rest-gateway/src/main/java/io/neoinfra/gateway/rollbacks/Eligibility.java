package io.neoinfra.gateway.rollbacks;

import java.util.List;

/**
 * Whether an execution can be rolled back, every reason why not, and what a rollback would undo per target (newest
 * version first). Undo scripts are not visible to the gateway: a missing {@code U<version>__*.sql} is reported by
 * the rollback itself (a dry-run rollback shows it without changing anything).
 */
record Eligibility(String executionId, boolean canRollback, List<Reason> reasons, List<TargetUndo> targets) {

  record Reason(IneligibleReason code, String message, List<String> targets) {}

  record TargetUndo(String targetId, String databaseId, String schema, List<String> versions) {}
}
