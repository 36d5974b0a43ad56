package io.neoinfra.admin.keycloak;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.gateway.matrix.MatrixWalk;
import io.neoinfra.gateway.matrix.OpenApiOperations;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The real gateway, on the embedded broker, trusting one realm of the Keycloak the test started. */
final class KeycloakGateway implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Topics topics;
  private final PublicKeyset keys;

  private KeycloakGateway(ConfigurableApplicationContext context, Topics topics, PublicKeyset keys) {
    this.context = context;
    this.topics = topics;
    this.keys = keys;
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  static KeycloakGateway start(String keycloakUrl, String realm) {
    KafkaTestBroker kafka = KafkaTestBroker.shared();
    Topics topics = new Topics(KafkaTestBroker.uniqueName("kc-gw") + ".");
    kafka.createTopics(1, topics.lifecycleAll().toArray(String[]::new));
    kafka.createTopics(1, Map.of("cleanup.policy", "compact"), topics.databases(), topics.tenants(),
        topics.executions());
    kafka.createTopics(1, topics.deadLetters());
    // The gateway gets the public half of a fresh worker keyset, as in production.
    PublicKeyset publicKeyset = PrivateKeyset.generate().publicKeyset();
    Path publicKeysetFile;
    try {
      publicKeysetFile = Files.createTempFile("kc-gateway-credentials-public", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publicKeysetFile.toFile().deleteOnExit();
    publicKeyset.write(publicKeysetFile);
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("server.address", "127.0.0.1");
    properties.put("neo.kafka.bootstrap.servers", kafka.bootstrapServers());
    properties.put("neo.gateway.kafka.topic-prefix", topics.prefix());
    properties.put("neo.credential.public-keyset", publicKeysetFile.toString());
    properties.put("neo.gateway.security.issuer-uri", keycloakUrl + "/realms/" + realm);
    properties.put("neo.gateway.security.audiences", "neo-gateway");
    // No leeway, so that an expired token is refused as soon as it expires.
    properties.put("neo.gateway.security.clock-skew", "PT0S");
    return new KeycloakGateway(GatewayApplication.start(properties), topics, publicKeyset);
  }

  Topics topics() {
    return topics;
  }

  PublicKeyset keys() {
    return keys;
  }

  /** The status of an authenticated call; {@code token} null sends none. */
  int status(String method, String path, String token, String json) throws Exception {
    return send(method, path, token, json).status();
  }

  /** One call, answered whole; {@code token} null sends none. */
  MatrixWalk.Answer send(String method, String path, String token, String json) {
    // No Accept header, like curl: the progress stream is text/event-stream, everything else JSON.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new MatrixWalk.Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
          response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The gateway's own OpenAPI document, as the matrix walks it. */
  List<OpenApiOperations.Operation> operations() throws Exception {
    return OpenApiOperations.of(new ObjectMapper().readTree(send("GET", "/v3/api-docs", null, null).body()));
  }

  @Override
  public void close() {
    context.close();
  }
}
