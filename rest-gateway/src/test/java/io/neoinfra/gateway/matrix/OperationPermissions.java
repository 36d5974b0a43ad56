package io.neoinfra.gateway.matrix;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each documented operation needs and answers, written here independently of the gateway's own rules. Both
 * permission matrices (in-process issuer and real Keycloak) check the gateway against this one table, so a new
 * operation must be added here before either passes.
 */
public final class OperationPermissions {

  /** Any valid token, whatever its roles. */
  public static final String ANY_TOKEN = "any-token";
  /** No token at all. */
  public static final String PUBLIC = "public";
  public static final String ADMIN = "infrastructure:admin";

  /** {@code permission} is a permission id, {@link #ANY_TOKEN} or {@link #PUBLIC}; {@code body} what to send. */
  public record Expectation(String permission, int success, String body) {

    public boolean isPublic() {
      return PUBLIC.equals(permission);
    }

    /** The status a caller holding {@code granted} (permission ids; null = no token) should get. */
    public int statusFor(Collection<String> granted) {
      if (isPublic()) {
        return success;
      }
      if (granted == null) {
        return 401;
      }
      boolean allowed = ANY_TOKEN.equals(permission) || granted.contains(permission) || granted.contains(ADMIN);
      return allowed ? success : 403;
    }
  }

  private static final Map<String, Expectation> EXPECTED = table();

  private OperationPermissions() {}

  /** Keyed by "METHOD /path/{id}" as the OpenAPI document spells it. */
  public static Map<String, Expectation> expected() {
    return EXPECTED;
  }

  private static Map<String, Expectation> table() {
    Map<String, Expectation> t = new LinkedHashMap<>();
    t.put("GET /api/v1/system/health", new Expectation(PUBLIC, 200, null));
    t.put("GET /api/v1/auth/profile", new Expectation(ANY_TOKEN, 200, null));
    t.put("GET /api/v1/migrations/status", new Expectation("migrations:read", 200, null));
    t.put("POST /api/v1/migrations/dynamic",
        new Expectation("migrations:execute", 202, "{\"scope\": \"ADMIN\", \"dry_run\": true}"));
    t.put("GET /api/v1/migrations/executions", new Expectation("migrations:read", 200, null));
    t.put("GET /api/v1/migrations/executions/{id}", new Expectation("migrations:read", 200, null));
    t.put("GET /api/v1/migrations/executions/{id}/progress", new Expectation("migrations:read", 200, null));
    t.put("GET /api/v1/migrations/executions/{id}/rollback/eligibility",
        new Expectation("migrations:read", 200, null));
    t.put("POST /api/v1/migrations/executions/{id}/rollback",
        new Expectation("migrations:rollback", 202, "{\"strategy\": \"flyway_undo\"}"));
    t.put("GET /api/v1/migrations/rollbacks/{id}", new Expectation("migrations:read", 200, null));
    t.put("GET /api/v1/databases/connections", new Expectation("databases:read", 200, null));
    t.put("POST /api/v1/databases/connections", new Expectation("databases:write", 201,
        "{\"database_name\": \"matrix\", \"connection_type\": \"dedicated\", \"host\": \"127.0.0.1\", "
            + "\"username\": \"app\", \"password\": \"matrix-secret\", \"auto_migrate\": false}"));
    t.put("GET /api/v1/databases/connections/{id}", new Expectation("databases:read", 200, null));
    t.put("DELETE /api/v1/databases/connections/{id}", new Expectation("databases:write", 204, null));
    t.put("GET /api/v1/databases/connections/{id}/health", new Expectation("databases:read", 200, null));
    t.put("POST /api/v1/tenants", new Expectation("tenants:write", 202, "{\"region\": \"eu-west\"}"));
    t.put("DELETE /api/v1/tenants/{id}", new Expectation("tenants:write", 202, null));
    t.put("GET /api/v1/deadletters", new Expectation("deadletters:replay", 200, null));
    t.put("GET /api/v1/deadletters/{id}", new Expectation("deadletters:replay", 200, null));
    // A dry run of an offset that holds nothing: 200 with a refused outcome, and nothing sent.
    t.put("POST /api/v1/deadletters/replay",
        new Expectation("deadletters:replay", 200, "{\"offsets\": [\"0-999999999\"], \"dry_run\": true}"));
    t.put("GET /api/v1/operations/consumer-lag", new Expectation("migrations:read", 200, null));
    return java.util.Collections.unmodifiableMap(t);
  }
}
