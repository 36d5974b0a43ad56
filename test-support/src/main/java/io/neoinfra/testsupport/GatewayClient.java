package io.neoinfra.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The REST gateway as an operator's script sees it: JSON in, status and JSON tree out, with a bearer token from
 * {@code token} on every request (a supplier, so that a caller can hand out a fresh or a renewed token). Used by the
 * dev stack's end-to-end tests, the platform harness, the benchmarks and the reliability tests.
 *
 * <p>HTTP/1.1 only: no HTTP/2 upgrade attempt on a plain-HTTP connection, which the gateway would refuse anyway.
 */
public final class GatewayClient {

  /** Used when no request timeout is given: long enough for a loaded machine, short enough for a test. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Supplier<String> token;
  private final Duration requestTimeout;

  public GatewayClient(String baseUrl, Supplier<String> token) {
    this(baseUrl, token, DEFAULT_REQUEST_TIMEOUT);
  }

  public GatewayClient(String baseUrl, Supplier<String> token, Duration requestTimeout) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.token = Objects.requireNonNull(token, "token");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /** A response; {@code body} is JSON null when the body was empty or not JSON. */
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

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, String json) {
    return send("POST", path, json);
  }

  /**
   * {@code method} on {@code baseUrl + path} with {@code Authorization: Bearer …} and {@code Accept:
   * application/json}; {@code json}, when not null, is sent as an {@code application/json} body.
   *
   * @throws GatewayUnreachableException when no answer came (down, restarting, or the connection was cut)
   */
  public Response send(String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + token.get())
        .header("Accept", "application/json");
    request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), parse(response.body()));
    } catch (IOException e) {
      throw new GatewayUnreachableException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnreachableException(method + " " + path + " interrupted", e);
    }
  }

  /** Whether the public health endpoint answers 200 (no token needed, none sent). */
  public boolean healthy() {
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

  // A non-JSON body (an HTML error page of a proxy, a truncated answer) is not the caller's concern: the status says
  // what happened, and a check on a field then fails on the missing field.
  private static JsonNode parse(String body) {
    if (body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return JSON.nullNode();
    }
  }

  /** The gateway did not answer (down, restarting, or the connection was cut). */
  public static final class GatewayUnreachableException extends RuntimeException {
    GatewayUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
