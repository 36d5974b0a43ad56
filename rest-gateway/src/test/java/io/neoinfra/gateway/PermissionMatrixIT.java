package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.matrix.MatrixSeed;
import io.neoinfra.gateway.matrix.MatrixWalk;
import io.neoinfra.gateway.matrix.MatrixWalk.Caller;
import io.neoinfra.gateway.matrix.OpenApiOperations;
import io.neoinfra.gateway.matrix.OpenApiOperations.Operation;
import io.neoinfra.gateway.matrix.OperationPermissions;
import io.neoinfra.gateway.security.Permission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document: without a token 401 (health and the documents excepted), with each
 * single permission, with none, and with infrastructure:admin, the expected success status or 403, as
 * {@link OperationPermissions} says. neo-admin's KeycloakRealmIT walks the same table with Keycloak's tokens.
 */
class PermissionMatrixIT extends GatewayTestBase {

  @Test
  void everyDocumentedOperationAnswersEachPermissionSetAsExpected() {
    // given: the document, a caller per permission set, and ids for every path
    var document = api.get("/v3/api-docs", null);
    assertThat(document.status()).isEqualTo(200);
    List<Operation> operations = OpenApiOperations.of(document.json());
    assertThat(operations).extracting(Operation::key)
        .containsExactlyInAnyOrderElementsOf(OperationPermissions.expected().keySet());
    List<Caller> callers = new ArrayList<>();
    callers.add(Caller.anonymous());
    callers.add(new Caller("no permission", token("matrix"), List.of()));
    for (Permission p : Permission.values()) {
      callers.add(new Caller(p.id(), token("matrix", p), List.of(p.id())));
    }
    String admin = token("seed", Permission.INFRASTRUCTURE_ADMIN);
    MatrixSeed.Ids ids = MatrixSeed.seed(ENV.broker, ENV.topics, ENV.workerKeys.publicKeyset(), callers.size(),
        path -> api.get(path, admin).status() == 200);

    // when
    List<String> mismatches = MatrixWalk.mismatches(operations, ids, callers, (method, path, token, body) -> {
      Api.Response response = api.send(method, path, token, body);
      return new MatrixWalk.Answer(response.status(), response.header("Content-Type"), response.body());
    });

    // then
    assertThat(mismatches).isEmpty();
  }
}
