package io.neoinfra.gateway;

import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.tasks.AppliedScript;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Records as the processor would write them. */
public final class Fixtures {

  private Fixtures() {}

  public static DatabaseRecord database(String id, ConnectionType type, String host, int port, String name,
      PublicKeyset keys, String password) {
    return new DatabaseRecord(id, name, type, "eu-west", Engine.POSTGRESQL, host, port, "postgres",
        password == null ? null : new CredentialSealer(keys).seal(password), true, 300, null, Instant.now(),
        Instant.now());
  }

  public static TargetState target(String databaseId, TargetStatus status, String before, String after,
      List<String> applied) {
    return new TargetState(databaseId, databaseId, null, status, 1, before, after,
        applied.stream().map(v -> new AppliedScript(v, "V" + v + "__step.sql", 5)).toList(), List.of(), null,
        Instant.now());
  }

  public static ExecutionView execution(String id, ExecutionKind kind, ExecutionStatus status, TriggeredBy triggeredBy,
      String rollbackOf, List<TargetState> targets) {
    Map<TargetStatus, Integer> counts = new EnumMap<>(TargetStatus.class);
    targets.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
    int done = (int) targets.stream().filter(t -> t.status().terminal()).count();
    return new ExecutionView(id, kind, Scope.ADMIN,
        kind == ExecutionKind.ROLLBACK ? MigrationOperation.UNDO : MigrationOperation.MIGRATE, status, false,
        Priority.NORMAL, null, null, Instant.now().minusSeconds(5), Instant.now().minusSeconds(4),
        status.terminal() ? Instant.now() : null, counts, targets.isEmpty() ? 0 : done * 100 / targets.size(),
        targets, new ExecutionMetadata(triggeredBy, null, rollbackOf), "tester", null);
  }

  /** A completed migration that applied versions 2 and 3 to {@code databaseId}: eligible for rollback. */
  public static ExecutionView completedMigration(String id, String databaseId) {
    return execution(id, ExecutionKind.MIGRATION, ExecutionStatus.COMPLETED, TriggeredBy.API, null,
        List.of(target(databaseId, TargetStatus.SUCCEEDED, "1", "3", List.of("2", "3"))));
  }
}
