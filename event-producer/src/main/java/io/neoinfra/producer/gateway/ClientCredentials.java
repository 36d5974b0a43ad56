package io.neoinfra.producer.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * An OAuth2 client-credentials grant (Keycloak's token endpoint, or any other), kept until shortly before it
 * expires. The secret is sent only to the token endpoint and appears in no message or {@code toString}.
 */
public final class ClientCredentials {

  /** A token is renewed this long before its {@code expires_in} runs out, so that no request carries a dying one. */
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

  private final URI tokenUri;
  private final String clientId;
  private final String clientSecret;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  public ClientCredentials(URI tokenUri, String clientId, String clientSecret, HttpClient http, ObjectMapper json,
      Clock clock) {
    this.tokenUri = Objects.requireNonNull(tokenUri, "tokenUri");
    this.clientId = requireText(clientId, "client id");
    this.clientSecret = requireText(clientSecret, "client secret");
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  /** A valid access token, fetched again when the last one is about to expire. */
  public synchronized String accessToken() throws IOException, InterruptedException {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  private void fetch() throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(tokenUri)
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
      // The endpoint's own error code and description; never the request, which holds the secret.
      throw new IOException("token endpoint " + tokenUri + " refused client " + clientId + ": HTTP "
          + response.statusCode() + " " + body.path("error").asText("") + " "
          + body.path("error_description").asText(""));
    }
    token = body.get("access_token").asText();
    long expiresIn = body.path("expires_in").asLong(60);
    renewAt = clock.instant().plusSeconds(expiresIn).minus(RENEW_BEFORE);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + " at " + tokenUri + "]";
  }
}
