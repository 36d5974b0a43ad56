package io.neoinfra.devstack.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The gateway's API over HTTP with a bearer token, keeping every response (status line, headers, body) it got. */
final class RecordingApi {

  /** One answer: its status and its body as text. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;
  private final List<String> received = new CopyOnWriteArrayList<>();

  RecordingApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Answer get(String path, String token) {
    return send("GET", path, null, token);
  }

  Answer post(String path, String json, String token) {
    return send("POST", path, json, token);
  }

  Answer send(String method, String path, String json, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      received.add(response.statusCode() + " " + response.headers().map() + "\n" + response.body());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Every response received so far: status, headers and body. */
  List<String> received() {
    return List.copyOf(received);
  }
}
