package io.neoinfra.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the demo targets through the REST API, as an operator would, and starts a first migration of everything.
 * Databases are registered without auto-migration (one execution of scope ALL migrates them together); tenants with
 * it, so that each is migrated as soon as the processor knows it.
 */
public final class DemoRegistration {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  private final String gatewayUrl;
  private final Supplier<String> token;

  public DemoRegistration(String gatewayUrl, Supplier<String> token) {
    this.gatewayUrl = gatewayUrl;
    this.token = token;
  }

  /** Registers what is missing; returns how many databases and tenants it registered. */
  public int register(DemoTargets targets) throws IOException, InterruptedException {
    int registered = 0;
    for (DemoDatabase database : targets.databases()) {
      if (send("GET", "/api/v1/databases/connections/" + database.databaseId(), null).statusCode() == 200) {
        continue;
      }
      Map<String, Object> body = json.convertValue(database, LinkedHashMap.class);
      body.put("auto_migrate", false);
      expect(send("POST", "/api/v1/databases/connections", body), 201, 202);
      registered++;
    }
    awaitConnections(targets, Duration.ofSeconds(60));
    // Tenants migrate themselves when the processor registers them: publishing them and then a migration of ALL
    // would race (different keys, different partitions), and a tenant registered after the ALL started would be left out.
    for (DemoTenant tenant : targets.tenants()) {
      Map<String, Object> body = json.convertValue(tenant, LinkedHashMap.class);
      body.put("auto_migrate", true);
      expect(send("POST", "/api/v1/tenants", body), 201, 202);
      registered++;
    }
    return registered;
  }

  /** Starts a migration of every scope; returns its execution id. */
  public String migrateEverything() throws IOException, InterruptedException {
    HttpResponse<String> response = send("POST", "/api/v1/migrations/dynamic",
        Map.of("scope", "ALL", "priority", "high", "force_execution", true));
    expect(response, 202);
    return json.readTree(response.body()).get("execution_id").asText();
  }

  private void awaitConnections(DemoTargets targets, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      boolean all = true;
      for (DemoDatabase database : targets.databases()) {
        HttpResponse<String> response = send("GET", "/api/v1/databases/connections/" + database.databaseId(), null);
        JsonNode body = response.statusCode() == 200 ? json.readTree(response.body()) : null;
        // Until the processor has registered it, the gateway serves a pending entry from what it published.
        all &= body != null && "registered".equals(body.path("status").asText());
      }
      if (all) {
        return;
      }
      Thread.sleep(250); // polling a remote API for a condition; the dev stack has no Awaitility on its classpath
    }
    throw new IllegalStateException("the demo databases were not registered within " + within);
  }

  private HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.get())
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void expect(HttpResponse<String> response, int... statuses) {
    for (int status : statuses) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
        + " answered " + response.statusCode() + ": " + response.body());
  }
}
