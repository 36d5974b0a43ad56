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
    Api.Response response = api.get("/actuator/health?%00=%00", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("code").asText()).isEqualTo("malformed-request");
  }

  @Test
  void aWildcardContentTypeIsAnUnsupportedMediaType() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/migrations/dynamic"))
        .header("Authorization", "Bearer " + token("wildcard", Permission.MIGRATIONS_EXECUTE))
        .header("Content-Type", "*/*")
        .POST(HttpRequest.BodyPublishers.ofString("{\"scope\": \"ADMIN\", \"dry_run\": true}")).build();

    HttpResponse<String> response = api.client().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void aFormBodyWhoseEncodingIsBrokenIsAMalformedRequest() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/databases/connections"))
        .header("Authorization", "Bearer " + token("broken-form", Permission.DATABASES_WRITE))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("%zz=%G1&name=%")).build();

    HttpResponse<String> response = api.client().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("malformed-request");
  }
}
