package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security headers are on every kind of response: success, errors of each sort, documents, firewall refusals. */
class SecurityHeadersIT extends GatewayTestBase {

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    String reader = token("headers", Permission.MIGRATIONS_READ);
    Map<String, Api.Response> responses = new LinkedHashMap<>();
    responses.put("200 public", api.get("/api/v1/system/health", null));
    responses.put("200 authenticated", api.get("/api/v1/migrations/status", reader));
    responses.put("401", api.get("/api/v1/migrations/status", null));
    responses.put("403", api.post("/api/v1/migrations/dynamic", reader, "{\"scope\": \"ADMIN\"}"));
    responses.put("404", api.get("/api/v1/migrations/executions/exec-nope", reader));
    responses.put("404 no route", api.get("/api/v1/nothing-here", reader));
    responses.put("422", api.get("/api/v1/migrations/executions?limit=zero", reader));
    responses.put("400 firewall", api.get("/api/v1/migrations/executions/a%3Bb", reader));
    responses.put("api docs", api.get("/v3/api-docs", null));
    responses.put("swagger ui", api.get("/swagger-ui/index.html", null));

    responses.forEach((what, response) -> {
      assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
      assertThat(response.header("X-XSS-Protection")).as(what).isEqualTo("1; mode=block");
      assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
      assertThat(response.header("Content-Security-Policy")).as(what).contains("frame-ancestors 'none'");
    });
    assertThat(responses.get("200 authenticated").header("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(responses.get("400 firewall").status()).isEqualTo(400);
    assertThat(responses.get("404 no route").status()).isEqualTo(404);
    assertThat(responses.get("swagger ui").status()).isEqualTo(200);
  }

  @Test
  void openApiDocumentDeclaresTheClientCredentialsFlowWithTheConfiguredTokenUrl() {
    var document = api.get("/v3/api-docs", null).json();
    var flow = document.path("components").path("securitySchemes").path("keycloak").path("flows")
        .path("clientCredentials");
    assertThat(flow.path("tokenUrl").asText()).isEqualTo(ENV.oauth.tokenEndpointUrl(TestEnvironment.ISSUER_ID)
        .toString());
    assertThat(document.path("paths").path("/api/v1/migrations/dynamic").path("post")
        .path("x-required-permission").asText()).isEqualTo("migrations:execute");
    // and: schemas are documented in snake_case, as the API reads and writes them
    assertThat(document.path("components").path("schemas").path("DynamicMigrationRequest").path("properties")
        .has("target_databases")).isTrue();
    assertThat(document.path("components").path("schemas").path("ExecutionView").path("properties")
        .has("progress_percent")).isTrue();
  }

  @Test
  void openApiDocumentDeclaresTheAuthorizationCodeFlowForPeople() {
    var flow = api.get("/v3/api-docs", null).json().path("components").path("securitySchemes").path("keycloak")
        .path("flows").path("authorizationCode");

    String issuer = ENV.oauth.issuerUrl(TestEnvironment.ISSUER_ID).toString().replaceAll("/+$", "");
    assertThat(flow.path("authorizationUrl").asText()).isEqualTo(issuer + "/protocol/openid-connect/auth");
    assertThat(flow.path("tokenUrl").asText()).isEqualTo(ENV.oauth.tokenEndpointUrl(TestEnvironment.ISSUER_ID)
        .toString());
  }

  @Test
  void swaggerUiLogsPeopleInWithPkceAsThePublicBrowserClient() {
    var initializer = api.get("/swagger-ui/swagger-initializer.js", null);

    assertThat(initializer.status()).isEqualTo(200);
    assertThat(initializer.body()).contains("usePkceWithAuthorizationCodeGrant").contains("\"neo-browser\"")
        .doesNotContain("clientSecret");
  }
}
