package io.neoinfra.gateway.rollbacks;

import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.gateway.state.TargetVersion;
import io.neoinfra.gateway.state.Versions;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.tasks.AppliedScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Computes {@link Eligibility} from the view alone, collecting every reason rather than stopping at the first. */
@Component
class EligibilityCheck {

  private final ExecutionStore executions;

  EligibilityCheck(ExecutionStore executions) {
    this.executions = executions;
  }

  Eligibility of(ExecutionView execution) {
    List<Eligibility.Reason> reasons = new ArrayList<>();
    if (execution.kind() == ExecutionKind.ROLLBACK) {
      reasons.add(reason(IneligibleReason.IS_ROLLBACK, List.of()));
    }
    if (execution.operation() != null && execution.operation() != MigrationOperation.MIGRATE
        && execution.kind() != ExecutionKind.ROLLBACK) {
      reasons.add(reason(IneligibleReason.NOT_A_MIGRATION, List.of()));
    }
    if (execution.dryRun()) {
      reasons.add(reason(IneligibleReason.DRY_RUN, List.of()));
    }
    if (execution.status() != ExecutionStatus.COMPLETED) {
      reasons.add(reason(IneligibleReason.NOT_COMPLETED, List.of()));
    }
    List<Eligibility.TargetUndo> undo = execution.targets().stream()
        .filter(t -> !t.applied().isEmpty())
        .map(t -> new Eligibility.TargetUndo(t.targetId(), t.databaseId(), t.schema(), t.applied().stream()
            .map(AppliedScript::version).sorted(Versions.ORDER.reversed()).toList()))
        .toList();
    if (undo.isEmpty() && execution.kind() != ExecutionKind.ROLLBACK && !execution.dryRun()) {
      reasons.add(reason(IneligibleReason.NOTHING_APPLIED, List.of()));
    }
    List<ExecutionView> rollbacks = executions.all()
        .filter(e -> e.kind() == ExecutionKind.ROLLBACK && !e.dryRun() && e.metadata() != null
            && execution.id().equals(e.metadata().rollbackOf()))
        .toList();
    List<String> running = rollbacks.stream().filter(r -> !r.status().terminal()).map(ExecutionView::id).toList();
    if (!running.isEmpty()) {
      reasons.add(reason(IneligibleReason.ROLLBACK_IN_PROGRESS, running));
    }
    List<String> done = rollbacks.stream().filter(r -> r.status() == ExecutionStatus.COMPLETED)
        .map(ExecutionView::id).toList();
    if (!done.isEmpty()) {
      reasons.add(reason(IneligibleReason.ALREADY_ROLLED_BACK, done));
    }
    List<String> moved = new ArrayList<>();
    for (TargetState t : execution.targets()) {
      if (t.applied().isEmpty() || t.databaseId() == null) {
        continue;
      }
      TargetVersion now = executions.targetVersion(t.databaseId(), t.schema()).orElse(null);
      if (now == null || now.lastExecutionId().equals(execution.id()) || done.contains(now.lastExecutionId())
          || running.contains(now.lastExecutionId())) {
        continue;
      }
      if (!Objects.equals(now.version(), t.versionAfter())) {
        moved.add(t.targetId());
      }
    }
    if (!moved.isEmpty()) {
      reasons.add(reason(IneligibleReason.LATER_EXECUTION_MOVED_TARGET, moved));
    }
    return new Eligibility(execution.id(), reasons.isEmpty(), reasons, undo);
  }

  private static Eligibility.Reason reason(IneligibleReason code, List<String> targets) {
    return new Eligibility.Reason(code, code.message(), targets);
  }
}
