package io.neoinfra.gateway.matrix;

import static org.awaitility.Awaitility.await;

import io.neoinfra.gateway.DeadLetterWriter;
import io.neoinfra.gateway.Fixtures;
import io.neoinfra.gateway.SimulatedProcessor;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The state a matrix walk needs, written to the gateway's topics as the processor would: an execution, a rollback
 * and a database to read, and one fresh eligible execution and deletable database per call that uses its id up.
 */
public final class MatrixSeed {

  private MatrixSeed() {}

  /** The id to put in an operation's path; a fresh one per call where the call consumes it. */
  public static final class Ids {
    private final Map<String, Supplier<String>> perOperation = new HashMap<>();

    public String next(String operation) {
      Supplier<String> s = perOperation.get(operation);
      return s == null ? "none" : s.get();
    }
  }

  /**
   * Seeds for {@code calls} consuming calls per operation and waits until {@code visible} says the gateway sees a
   * path (it is asked for the last records written).
   */
  public static Ids seed(KafkaTestBroker broker, Topics topics, PublicKeyset keys, int calls,
      Predicate<String> visible) {
    Ids ids = new Ids();
    try (SimulatedProcessor processor = new SimulatedProcessor(broker, topics)) {
      String db = KafkaTestBroker.uniqueName("db-matrix");
      // Port 1 answers "connection refused" at once: the health check is exercised without waiting.
      processor.database(Fixtures.database(db, ConnectionType.ADMIN, "127.0.0.1", 1, "matrix", keys, "pw"));
      String execution = KafkaTestBroker.uniqueName("exec-matrix");
      processor.execution(Fixtures.completedMigration(execution, db));
      String rollback = KafkaTestBroker.uniqueName("rollback-matrix");
      processor.execution(Fixtures.execution(rollback, ExecutionKind.ROLLBACK, ExecutionStatus.COMPLETED,
          TriggeredBy.API, "exec-elsewhere", List.of(Fixtures.target(db, TargetStatus.SUCCEEDED, "3", "1",
              List.of()))));
      Deque<String> eligible = new ArrayDeque<>();
      Deque<String> deletable = new ArrayDeque<>();
      for (int i = 0; i < calls; i++) {
        String target = KafkaTestBroker.uniqueName("db-rb");
        String exec = KafkaTestBroker.uniqueName("exec-rb");
        processor.execution(Fixtures.completedMigration(exec, target));
        eligible.add(exec);
        String doomed = KafkaTestBroker.uniqueName("db-del");
        processor.database(Fixtures.database(doomed, ConnectionType.ADMIN, "127.0.0.1", 1, "x", keys, null));
        deletable.add(doomed);
      }
      String lastExec = eligible.peekLast();
      String lastDb = deletable.peekLast();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          visible.test("/api/v1/migrations/executions/" + lastExec)
              && visible.test("/api/v1/databases/connections/" + lastDb)
              && visible.test("/api/v1/migrations/rollbacks/" + rollback));
      for (String read : List.of("GET /api/v1/migrations/executions/{id}",
          "GET /api/v1/migrations/executions/{id}/progress",
          "GET /api/v1/migrations/executions/{id}/rollback/eligibility")) {
        ids.perOperation.put(read, () -> execution);
      }
      ids.perOperation.put("GET /api/v1/migrations/rollbacks/{id}", () -> rollback);
      ids.perOperation.put("GET /api/v1/databases/connections/{id}", () -> db);
      ids.perOperation.put("GET /api/v1/databases/connections/{id}/health", () -> db);
      ids.perOperation.put("POST /api/v1/migrations/executions/{id}/rollback",
          () -> eligible.isEmpty() ? execution : eligible.poll());
      ids.perOperation.put("DELETE /api/v1/databases/connections/{id}",
          () -> deletable.isEmpty() ? db : deletable.poll());
      ids.perOperation.put("DELETE /api/v1/tenants/{id}", () -> KafkaTestBroker.uniqueName("tenant"));
      String deadLetter = DeadLetterWriter.write(broker, topics, topics.lifecycle(Priority.HIGH), db, "{}",
          "schema_invalid");
      ids.perOperation.put("GET /api/v1/deadletters/{id}", () -> deadLetter);
    }
    return ids;
  }
}
