package io.neoinfra.producer.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The REST gateway's API as an operator's tool calls it: JSON in and out, a client-credentials token on every call.
 * Answers come back with their status, problem+json included, for the caller to decide.
 */
public final class GatewayClient {

  /** One answer: the HTTP status and the JSON body (an empty object when there is none). */
  public record Response(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The RFC 9457 problem's title and detail, or the status alone. */
    public String problem() {
      String title = body.path("title").asText("");
      String detail = body.path("detail").asText("");
      return "HTTP " + status + (title.isEmpty() ? "" : " " + title) + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  private final URI baseUri;
  private final ClientCredentials credentials;
  private final HttpClient http;
  private final ObjectMapper json;

  public GatewayClient(URI baseUri, ClientCredentials credentials, HttpClient http, ObjectMapper json) {
    this.baseUri = URI.create(baseUri.toString().replaceAll("/+$", "") + "/");
    this.credentials = credentials;
    this.http = http;
    this.json = json;
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  public Response post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
  }

  private HttpRequest.Builder request(String path) throws IOException, InterruptedException {
    return HttpRequest.newBuilder(baseUri.resolve(path.replaceFirst("^/+", "")))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json, application/problem+json")
        .header("Authorization", "Bearer " + credentials.accessToken());
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    return new Response(response.statusCode(),
        body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body));
  }
}
