package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.gateway.OpenApiOperations.Operation;
import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document: without a token 401 (health and the documents excepted), with each
 * single permission, with none, and with infrastructure:admin, the expected success status or 403. The expected
 * table is written here independently of the gateway's own rules, and must cover exactly the documented operations.
 */
class PermissionMatrixIT extends GatewayTestBase {

  /** What an operation needs and answers; {@code permission} null = any valid token, "public" = no token. */
  private record Expected(String permission, int success, String body) {}

  private static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("GET /api/v1/system/health", new Expected("public", 200, null));
    EXPECTED.put("GET /api/v1/auth/profile", new Expected(null, 200, null));
    EXPECTED.put("GET /api/v1/migrations/status", new Expected("migrations:read", 200, null));
    EXPECTED.put("POST /api/v1/migrations/dynamic",
        new Expected("migrations:execute", 202, "{\"scope\": \"ADMIN\", \"dry_run\": true}"));
    EXPECTED.put("GET /api/v1/migrations/executions", new Expected("migrations:read", 200, null));
    EXPECTED.put("GET /api/v1/migrations/executions/{id}", new Expected("migrations:read", 200, null));
    EXPECTED.put("GET /api/v1/migrations/executions/{id}/progress", new Expected("migrations:read", 200, null));
    EXPECTED.put("GET /api/v1/migrations/executions/{id}/rollback/eligibility",
        new Expected("migrations:read", 200, null));
    EXPECTED.put("POST /api/v1/migrations/executions/{id}/rollback",
        new Expected("migrations:rollback", 202, "{\"strategy\": \"flyway_undo\"}"));
    EXPECTED.put("GET /api/v1/migrations/rollbacks/{id}", new Expected("migrations:read", 200, null));
    EXPECTED.put("GET /api/v1/databases/connections", new Expected("databases:read", 200, null));
    EXPECTED.put("POST /api/v1/databases/connections", new Expected("databases:write", 201,
        "{\"database_name\": \"matrix\", \"connection_type\": \"dedicated\", \"host\": \"127.0.0.1\", "
            + "\"username\": \"app\", \"password\": \"matrix-secret\", \"auto_migrate\": false}"));
    EXPECTED.put("GET /api/v1/databases/connections/{id}", new Expected("databases:read", 200, null));
    EXPECTED.put("DELETE /api/v1/databases/connections/{id}", new Expected("databases:write", 204, null));
    EXPECTED.put("GET /api/v1/databases/connections/{id}/health", new Expected("databases:read", 200, null));
    EXPECTED.put("POST /api/v1/tenants", new Expected("tenants:write", 202, "{\"region\": \"eu-west\"}"));
    EXPECTED.put("DELETE /api/v1/tenants/{id}", new Expected("tenants:write", 202, null));
    EXPECTED.put("GET /api/v1/deadletters", new Expected("deadletters:replay", 200, null));
    EXPECTED.put("GET /api/v1/deadletters/{id}", new Expected("deadletters:replay", 200, null));
    // A dry run of an offset that holds nothing: 200 with a refused outcome, and nothing sent.
    EXPECTED.put("POST /api/v1/deadletters/replay",
        new Expected("deadletters:replay", 200, "{\"offsets\": [\"0-999999999\"], \"dry_run\": true}"));
    EXPECTED.put("GET /api/v1/operations/consumer-lag", new Expected("migrations:read", 200, null));
  }

  @Test
  void everyDocumentedOperationAnswersEachPermissionSetAsExpected() {
    // given: the document, and ids for every path (fresh ones where a call consumes them)
    var document = api.get("/v3/api-docs", null);
    assertThat(document.status()).isEqualTo(200);
    List<Operation> operations = OpenApiOperations.of(document.json());
    assertThat(operations).extracting(Operation::key).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    Ids ids = seed();

    List<String> mismatches = new ArrayList<>();
    for (Operation op : operations) {
      Expected expected = EXPECTED.get(op.key());
      // when: no token
      boolean open = "public".equals(expected.permission());
      check(mismatches, op, "no token", null, open ? expected.success() : 401,
          expected, ids);
      // when: a token with no permission, each single permission, and admin
      List<List<Permission>> sets = new ArrayList<>();
      sets.add(List.of());
      for (Permission p : Permission.values()) {
        sets.add(List.of(p));
      }
      for (List<Permission> set : sets) {
        boolean allowed = expected.permission() == null || open
            || set.stream().anyMatch(p -> p.id().equals(expected.permission())
                || p == Permission.INFRASTRUCTURE_ADMIN);
        check(mismatches, op, set.toString(), token("matrix", set.toArray(Permission[]::new)),
            allowed ? expected.success() : 403, expected, ids);
      }
    }
    // then
    assertThat(mismatches).isEmpty();
  }

  private void check(List<String> mismatches, Operation op, String who, String token, int want, Expected expected,
      Ids ids) {
    String path = op.path().replace("{id}", ids.next(op.key()));
    var response = api.send(op.method(), path, token, expected.body());
    if (response.status() != want) {
      mismatches.add(op.key() + " as " + who + ": " + response.status() + " (wanted " + want + ") " + response.body());
    } else if (want == 401 || want == 403) {
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  /** Ids per operation: a shared one for reads, a fresh one per call for calls that use theirs up. */
  private static final class Ids {
    private final Map<String, Supplier<String>> perOperation = new LinkedHashMap<>();

    String next(String operation) {
      Supplier<String> s = perOperation.get(operation);
      return s == null ? "none" : s.get();
    }
  }

  private Ids seed() {
    Ids ids = new Ids();
    int calls = Permission.values().length + 2;
    try (SimulatedProcessor processor = new SimulatedProcessor(ENV.broker, ENV.topics)) {
      String db = KafkaTestBroker.uniqueName("db-matrix");
      // Port 1 answers "connection refused" at once: the health check is exercised without waiting.
      processor.database(Fixtures.database(db, ConnectionType.ADMIN, "127.0.0.1", 1, "matrix", ENV.keys, "pw"));
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
        processor.database(Fixtures.database(doomed, ConnectionType.ADMIN, "127.0.0.1", 1, "x", ENV.keys, null));
        deletable.add(doomed);
      }
      String reader = token("seed", Permission.INFRASTRUCTURE_ADMIN);
      String lastExec = eligible.peekLast();
      String lastDb = deletable.peekLast();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          api.get("/api/v1/migrations/executions/" + lastExec, reader).status() == 200
              && api.get("/api/v1/databases/connections/" + lastDb, reader).status() == 200
              && api.get("/api/v1/migrations/rollbacks/" + rollback, reader).status() == 200);
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
      String deadLetter = DeadLetterWriter.write(ENV, ENV.topics.lifecycle(Priority.HIGH), db, "{}", "schema_invalid");
      ids.perOperation.put("GET /api/v1/deadletters/{id}", () -> deadLetter);
    }
    return ids;
  }
}
