package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Requests that Spring itself refuses get the caller's 4xx as problem+json, never a 500 (found by FuzzIT). */
class MalformedRequestIT extends GatewayTestBase {

  @Test
  void requestingTheErrorPageItselfIsNotFound() {
    Api.Response response = api.get("/error", token("error-page", Permission.INFRASTRUCTURE_ADMIN));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void aParameterNameTheFirewallRefusesIsAMalformedRequest() {
    // the public endpoint that reads every parameter name: health, on the management port
    Api.Response response = management.get("/actuator/health?%00=%00", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("code").asText()).isEqualTo("malformed-request");
  }

  @Test
  void aWildcardContentTypeIsAnUnsupportedMediaType() throws Exception {
    HttpResponse<String> response = post("/api/v1/migrations/dynamic", token("wildcard", Permission.MIGRATIONS_EXECUTE),
        "*/*", "{\"scope\": \"ADMIN\", \"dry_run\": true}");

    assertThat(response.statusCode()).isEqualTo(415);
    assertProblemJson(response);
  }

  @Test
  void aFormBodyWhoseEncodingIsBrokenIsAMalformedRequest() throws Exception {
    HttpResponse<String> response = post("/api/v1/databases/connections",
        token("broken-form", Permission.DATABASES_WRITE), "application/x-www-form-urlencoded", "%zz=%G1&name=%");

    assertThat(response.statusCode()).isEqualTo(400);
    assertProblemJson(response);
    assertThat(response.body()).contains("malformed-request");
  }

  /** A POST with exactly this Content-Type, which the test client's JSON helpers would not send. */
  private HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return api.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertProblemJson(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }
}
