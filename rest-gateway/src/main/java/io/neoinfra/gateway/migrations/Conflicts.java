package io.neoinfra.gateway.migrations;

import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a new request would run into an execution that is still going: both change schemas (neither is a dry run),
 * their scopes meet (equal, or one is ALL), and, when both name their databases, they share one.
 */
final class Conflicts {

  private Conflicts() {}

  static Optional<ExecutionView> find(Stream<ExecutionView> executions, Scope scope, Collection<String> databases,
      boolean dryRun) {
    if (dryRun) {
      return Optional.empty();
    }
    return executions
        .filter(e -> !e.status().terminal() && !e.dryRun())
        .filter(e -> e.scope() == null || e.scope() == scope || e.scope() == Scope.ALL || scope == Scope.ALL)
        .filter(e -> databases.isEmpty() || e.targets().isEmpty() || shares(e, Set.copyOf(databases)))
        .findFirst();
  }

  private static boolean shares(ExecutionView execution, Set<String> databases) {
    Set<String> theirs = execution.targets().stream().map(TargetState::databaseId).collect(Collectors.toSet());
    return theirs.stream().anyMatch(databases::contains);
  }
}
