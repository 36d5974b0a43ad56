package io.neoinfra.devstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** The REST API as a test client sees it: JSON in, status and JSON out, with a bearer token. */
final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Supplier<String> token;

  Api(String baseUrl, Supplier<String> token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  record Response(int status, JsonNode body) {}

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String json) {
    return send("POST", path, json);
  }

  private Response send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.get())
        .header("Accept", "application/json");
    request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
