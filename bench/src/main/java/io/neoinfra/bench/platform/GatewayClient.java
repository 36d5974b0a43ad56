package io.neoinfra.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The REST API as an operator's script sees it: JSON in, status and JSON out, with a real bearer token. */
public final class GatewayClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String token;

  public GatewayClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  public record Response(int status, JsonNode body) {

    /** The body's field as text, or fails with the whole response when the call did not answer {@code expected}. */
    public String require(int expected, String field) {
      if (status != expected) {
        throw new IllegalStateException("expected HTTP " + expected + ", got " + status + ": " + body);
      }
      return field == null ? null : body.path(field).asText();
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  public String token() {
    return token;
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, String json) {
    return send("POST", path, json);
  }

  private Response send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
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

  /** Whether the public health endpoint answers 200 (no token needed, none sent). */
  boolean healthy() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/system/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
