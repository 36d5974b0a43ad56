package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.matrix.OpenApiOperations;
import io.neoinfra.gateway.matrix.OpenApiOperations.Operation;
import io.neoinfra.gateway.security.Permission;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SQL injection strings in every path and query parameter of every documented operation, sent by an admin: the
 * answer is 400, 404 or 422, never a 5xx. The one exception is {@code search}, a free-text filter, which answers 200
 * with no match (it is compared as text in memory; nothing reaches a database).
 */
class InjectionIT extends GatewayTestBase {

  private static final List<String> INJECTIONS = List.of("'; DROP TABLE users; --", "1' OR '1'='1");
  private static final Set<String> FREE_TEXT = Set.of("search");

  @Test
  void injectionStringsInEveryParameterAreRefusedNeverServerErrors() {
    List<Operation> operations = OpenApiOperations.of(api.get("/v3/api-docs", null).json());
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (Operation op : operations) {
      String admin = token("inject", Permission.INFRASTRUCTURE_ADMIN);
      String body = op.method().equals("POST") ? "{\"scope\": \"ADMIN\", \"dry_run\": true}" : null;
      for (String injection : INJECTIONS) {
        String encoded = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
        for (String param : op.pathParameters()) {
          var response = api.send(op.method(), op.path().replace("{" + param + "}", encoded), admin, body);
          sent++;
          if (!Set.of(400, 404, 422).contains(response.status())) {
            failures.add(op.key() + " path " + param + "=" + injection + ": " + response.status());
          }
        }
        for (String param : op.queryParameters()) {
          String path = op.path().replaceAll("\\{[^}]+}", "exec-unknown") + "?" + param + "=" + encoded;
          var response = api.send(op.method(), path, admin, body);
          sent++;
          Set<Integer> allowed = FREE_TEXT.contains(param) ? Set.of(200) : Set.of(400, 404, 422);
          if (!allowed.contains(response.status())) {
            failures.add(op.key() + " query " + param + "=" + injection + ": " + response.status());
          }
        }
      }
    }
    assertThat(sent).as("parameters tried").isGreaterThan(20);
    assertThat(failures).isEmpty();
  }

  @Test
  void injectionStringsInBodyFieldsAreFieldErrors() {
    String token = token("inject-body", Permission.INFRASTRUCTURE_ADMIN);
    var migration = api.post("/api/v1/migrations/dynamic", token,
        "{\"scope\": \"ADMIN\", \"target_databases\": [\"'; DROP TABLE users; --\"], \"regions\": [\"1' OR '1'='1\"]}");
    assertThat(migration.status()).isEqualTo(422);
    assertThat(migration.json().path("errors").findValuesAsText("field"))
        .contains("$.target_databases[0]", "$.regions[0]");
    var connection = api.post("/api/v1/databases/connections", token, "{\"database_id\": \"1' OR '1'='1\", "
        + "\"database_name\": \"x\", \"connection_type\": \"admin\", \"username\": \"u\", \"host\": \"h; rm -rf\"}");
    assertThat(connection.status()).isEqualTo(422);
    assertThat(connection.json().path("errors").findValuesAsText("field")).contains("$.database_id", "$.host");
  }
}
