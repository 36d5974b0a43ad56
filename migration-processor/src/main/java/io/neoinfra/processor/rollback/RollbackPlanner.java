package io.neoinfra.processor.rollback;

import io.neoinfra.processor.execution.ResolvedTarget;
import io.neoinfra.processor.registry.Targets;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.tasks.AppliedScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Plans a rollback from the view of the execution to undo (global copy of {@code neo.migration.executions}): one UNDO
 * target per target of that execution, with exactly the versions it applied, newest first. It is refused with every
 * reason when the execution is unknown, not a completed non-dry-run migration, already rolled back, has a target that
 * applied nothing, or has a target that a later execution moved further.
 */
public final class RollbackPlanner {

  private final ReadOnlyKeyValueStore<String, ExecutionView> executions;
  private final ReadOnlyKeyValueStore<String, DatabaseRecord> databases;

  public RollbackPlanner(ReadOnlyKeyValueStore<String, ExecutionView> executions,
      ReadOnlyKeyValueStore<String, DatabaseRecord> databases) {
    this.executions = executions;
    this.databases = databases;
  }

  public Plan plan(String executionId, String rollbackId, Integer timeoutOverride, int defaultTimeout) {
    ExecutionView original = executions.get(executionId);
    List<String> reasons = new ArrayList<>();
    if (original == null) {
      reasons.add(RollbackIneligibility.EXECUTION_NOT_FOUND.id() + ": " + executionId);
      return new Plan(null, List.of(), reasons);
    }
    if (original.kind() != ExecutionKind.MIGRATION || original.operation() == MigrationOperation.UNDO) {
      reasons.add(RollbackIneligibility.NOT_A_MIGRATION.id() + ": " + executionId + " is a " + original.kind());
    }
    if (original.status() != ExecutionStatus.COMPLETED) {
      reasons.add(RollbackIneligibility.NOT_COMPLETED.id() + ": status is " + original.status());
    }
    if (original.dryRun()) {
      reasons.add(RollbackIneligibility.DRY_RUN.id() + ": a dry run applied nothing");
    }
    List<ExecutionView> others = new ArrayList<>();
    try (KeyValueIterator<String, ExecutionView> it = executions.all()) {
      it.forEachRemaining(kv -> {
        if (kv.value != null && !kv.key.equals(executionId) && !kv.key.equals(rollbackId)) {
          others.add(kv.value);
        }
      });
    }
    others.stream()
        .filter(v -> v.kind() == ExecutionKind.ROLLBACK && v.metadata() != null
            && executionId.equals(v.metadata().rollbackOf()) && v.status() != ExecutionStatus.REJECTED
            // a dry-run rollback undid nothing: the real one must still be allowed after it
            && !v.dryRun())
        .findFirst()
        .ifPresent(v -> reasons.add(RollbackIneligibility.ALREADY_ROLLED_BACK.id() + ": by " + v.id()));
    List<ResolvedTarget> targets = new ArrayList<>();
    for (TargetState target : original.targets()) {
      if (target.applied().isEmpty()) {
        reasons.add(RollbackIneligibility.TARGET_WITHOUT_APPLIED_VERSIONS.id() + ": " + target.targetId());
        continue;
      }
      for (ExecutionView later : others) {
        if (later.kind() == ExecutionKind.MIGRATION && !later.dryRun() && later.status() != ExecutionStatus.REJECTED
            && later.createdAt() != null && original.createdAt() != null
            && later.createdAt().isAfter(original.createdAt())
            && later.targets().stream().anyMatch(t -> t.targetId().equals(target.targetId())
                && !t.applied().isEmpty())) {
          reasons.add(RollbackIneligibility.LATER_EXECUTION_MOVED_TARGET.id() + ": " + target.targetId() + " by "
              + later.id());
        }
      }
      DatabaseRecord db = databases.get(target.databaseId());
      if (db == null) {
        reasons.add(RollbackIneligibility.TARGET_NOT_REGISTERED.id() + ": " + target.databaseId());
        continue;
      }
      List<String> undo = target.applied().stream()
          .map(AppliedScript::version)
          .distinct()
          .sorted(Comparator.comparing((Function<String, VersionKey>) VersionKey::new).reversed())
          .toList();
      Scope set = target.schema() != null ? Scope.TENANT : db.connectionType().scope();
      int timeout = timeoutOverride != null ? timeoutOverride : db.migrationTimeout() > 0 ? db.migrationTimeout()
          : defaultTimeout;
      targets.add(new ResolvedTarget(target.targetId(), target.databaseId(), target.schema(), set,
          Targets.connection(db, target.schema()), timeout, undo));
    }
    return new Plan(original, reasons.isEmpty() ? targets : List.of(), reasons);
  }

  /** The targets to undo, or every reason the rollback is refused. */
  public record Plan(ExecutionView original, List<ResolvedTarget> targets, List<String> reasons) {
    public boolean eligible() {
      return reasons.isEmpty();
    }
  }

  /** Flyway versions compare part by part as numbers: 1.10 is after 1.9. */
  private record VersionKey(String version) implements Comparable<VersionKey> {
    @Override
    public int compareTo(VersionKey other) {
      String[] a = version.split("\\.");
      String[] b = other.version.split("\\.");
      for (int i = 0; i < Math.max(a.length, b.length); i++) {
        java.math.BigInteger x = i < a.length ? new java.math.BigInteger(a[i]) : java.math.BigInteger.ZERO;
        java.math.BigInteger y = i < b.length ? new java.math.BigInteger(b[i]) : java.math.BigInteger.ZERO;
        int c = x.compareTo(y);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
  }
}
