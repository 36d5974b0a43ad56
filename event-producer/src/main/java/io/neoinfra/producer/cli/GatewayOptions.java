package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.gateway.ClientCredentials;
import io.neoinfra.producer.gateway.GatewayClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the gateway and its token endpoint are, and the client the tool authenticates as. */
final class GatewayOptions {

  @Option(names = "--gateway-url", paramLabel = "URL", defaultValue = "${env:NEO_GATEWAY_URL:-http://127.0.0.1:8080}",
      description = "The REST gateway (default: $NEO_GATEWAY_URL or ${DEFAULT-VALUE}).")
  URI gatewayUrl;

  @Option(names = "--token-url", paramLabel = "URL",
      defaultValue = "${env:NEO_TOKEN_URL:-http://127.0.0.1:8180/realms/neo/protocol/openid-connect/token}",
      description = "The OAuth2 token endpoint, e.g. Keycloak's <issuer>/protocol/openid-connect/token "
          + "(default: $NEO_TOKEN_URL or ${DEFAULT-VALUE}).")
  URI tokenUrl;

  @Option(names = "--client-id", defaultValue = "${env:NEO_CLIENT_ID:-neo-operator}",
      description = "Client of the client-credentials grant; it needs migrations:rollback "
          + "(default: $NEO_CLIENT_ID or ${DEFAULT-VALUE}).")
  String clientId;

  // From the environment rather than an argument, which other users of the machine can read in the process list.
  @Option(names = "--client-secret", defaultValue = "${env:NEO_CLIENT_SECRET}", arity = "0..1", interactive = true,
      description = "The client's secret (default: $NEO_CLIENT_SECRET; give the option alone to be prompted).")
  String clientSecret;

  GatewayClient client(ObjectMapper json) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ClientCredentials credentials = new ClientCredentials(tokenUrl, clientId, clientSecret, http, json,
        Clock.systemUTC());
    return new GatewayClient(gatewayUrl, credentials, http, json);
  }
}
