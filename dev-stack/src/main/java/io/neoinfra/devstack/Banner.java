package io.neoinfra.devstack;

import io.neoinfra.devstack.demo.DemoTargets;
import io.neoinfra.devstack.oidc.LocalOidcIssuer;
import io.neoinfra.devstack.oidc.OidcClient;
import io.neoinfra.devstack.oidc.OidcUser;
import java.util.stream.Collectors;

/** What {@code ./neo dev} prints once everything is up: where things are and three commands to copy. */
final class Banner {

  private Banner() {}

  static String text(DevStackSettings settings, LocalOidcIssuer issuer, CredentialKeysetFiles credentials,
      DemoTargets targets, String execution, long startMillis) {
    String api = settings.gatewayUrl();
    String clients = OidcClient.demoClients().stream()
        .map(c -> String.format("    %-13s secret %-20s roles %s", c.clientId(), c.secret(), c.roles()))
        .collect(Collectors.joining("\n"));
    String people = OidcUser.demoUsers().stream()
        .map(u -> String.format("    %-13s password %-18s roles %s", u.username(), u.password(), u.roles()))
        .collect(Collectors.joining("\n"));
    String management = settings.gatewayManagementUrl();
    return """

        NeoInfrastructure dev stack is up (%d ms)
          API           %s/api/v1   (health: %s/api/v1/system/health)
          Swagger UI    %s/swagger-ui.html   (Authorize: log in as a demo user, or use a demo client)
          OpenAPI       %s/v3/api-docs
          Metrics       %s/actuator/prometheus (gateway, no token), http://127.0.0.1:%d/metrics (processor),
                        http://127.0.0.1:%d/metrics (worker); /health beside each (gateway: /actuator/health)
          Kafka         127.0.0.1:%d   (data in %s)
          OIDC issuer   %s
          Demo targets  %s
          Credentials   workers' private keyset %s (the worker only)
                        producers seal with: export NEO_CREDENTIAL_PUBLIC_KEYSET=%s
        Demo clients (client-credentials grant):
        %s
        Demo users (Swagger UI's login: authorization code with PKCE, public client neo-browser):
        %s
        %s
        Try it:
          TOKEN=$(curl -s -u neo-operator:neo-operator-secret -d grant_type=client_credentials %s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
          curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"scope":"TENANT","dry_run":true}' %s/api/v1/migrations/dynamic
          ./neo watch <execution_id from the answer>

        Ctrl-C stops everything; the next ./neo dev resumes from %s.
        """.formatted(startMillis, api, api, api, api, management, settings.processorMetricsPort(),
        settings.workerMetricsPort(), settings.kafkaPort(),
        settings.dataDir(), issuer.issuerUri(), targets == null ? "none (NEO_DEV_DEMO=false)" : targets.kind(),
        credentials.privateFile(), credentials.publicFile(),
        clients, people, execution == null ? "" : "First migration of everything: ./neo watch " + execution + "\n",
        issuer.tokenUri(), api, settings.dataDir());
  }
}
