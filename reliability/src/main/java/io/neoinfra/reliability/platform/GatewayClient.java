package io.neoinfra.reliability.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** The REST API as an operator's script sees it: JSON in, status and JSON out, with a fresh bearer token. */
public final class GatewayClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Supplier<String> token;

  public GatewayClient(String baseUrl, Supplier<String> token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** A response; {@code body} is JSON null when the body was empty or not JSON. */
  public record Response(int status, JsonNode body) {}

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, String json) {
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
      JsonNode body;
      try {
        body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      } catch (IOException notJson) {
        body = JSON.nullNode();
      }
      return new Response(response.statusCode(), body);
    } catch (IOException e) {
      throw new GatewayUnreachableException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnreachableException(method + " " + path + " interrupted", e);
    }
  }

  /** The gateway did not answer (down, restarting, or the connection was cut). */
  public static final class GatewayUnreachableException extends RuntimeException {
    GatewayUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
