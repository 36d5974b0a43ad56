package io.neoinfra.gateway;

import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * What every gateway test runs against, started once per JVM: the embedded Kafka broker with this run's topics
 * (a unique prefix), an in-process OIDC issuer signing real JWTs, a fresh worker keyset of which the gateway is given
 * the public half only, and a real migration worker holding the private half that answers the gateway's live health
 * checks (the gateway never opens a password).
 */
final class TestEnvironment {

  static final String ISSUER_ID = "neo";
  static final String AUDIENCE = "neo-gateway";

  private static final class Holder {
    static final TestEnvironment SHARED = new TestEnvironment();
  }

  final KafkaTestBroker broker = KafkaTestBroker.shared();
  final MockOAuth2Server oauth = new MockOAuth2Server();
  final Topics topics = new Topics(KafkaTestBroker.uniqueName("gw") + ".");
  /** The workers' keyset: tests open with it, as a worker would; the gateway never sees it. */
  final PrivateKeyset workerKeys = PrivateKeyset.generate();
  /** The public keyset file the gateway is configured with. */
  final Path publicKeysetFile;
  final MigrationWorker worker;

  private TestEnvironment() {
    oauth.start();
    Runtime.getRuntime().addShutdownHook(new Thread(oauth::shutdown, "mock-oauth2-shutdown"));
    try {
      publicKeysetFile = Files.createTempFile("gateway-credentials-public", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    publicKeysetFile.toFile().deleteOnExit();
    workerKeys.publicKeyset().write(publicKeysetFile);
    broker.createTopics(3, topics.lifecycleAll().toArray(String[]::new));
    broker.createTopics(3, Map.of("cleanup.policy", "compact"), topics.databases(), topics.tenants(),
        topics.executions());
    broker.createTopics(1, topics.deadLetters());
    broker.createTopics(3, Map.of("retention.ms", "60000", "segment.ms", "60000"), topics.healthRequests(),
        topics.healthResults());
    worker = startWorker(topics, KafkaTestBroker.uniqueName("gw-worker"));
    Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "gateway-test-worker-shutdown"));
  }

  /** A real worker on {@code topics} holding this environment's private keyset; it answers health requests at once. */
  MigrationWorker startWorker(Topics on, String group) {
    return MigrationWorker.start(WorkerSettings.builder(broker.bootstrapServers()).topicPrefix(on.prefix())
        .groupId(group).privateKeyset(workerKeys).concurrency(1).metricsPort(-1).sessionTimeout(java.time.Duration.ofSeconds(10))
        .build());
  }

  static TestEnvironment shared() {
    return Holder.SHARED;
  }

  Map<String, Object> gatewayProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("neo.kafka.bootstrap.servers", broker.bootstrapServers());
    props.put("neo.gateway.kafka.topic-prefix", topics.prefix());
    props.put("neo.credential.public-keyset", publicKeysetFile.toString());
    props.put("neo.gateway.security.issuer-uri", oauth.issuerUrl(ISSUER_ID).toString());
    props.put("neo.gateway.security.jwk-set-uri", oauth.jwksUrl(ISSUER_ID).toString());
    props.put("neo.gateway.security.audiences", AUDIENCE);
    props.put("neo.gateway.openapi.token-url", oauth.tokenEndpointUrl(ISSUER_ID).toString());
    props.put("neo.gateway.state.topic-retry", "PT1S");
    // Lag samples every second, so that the lag endpoint shows a new group within a test's patience.
    props.put("neo.gateway.lag.interval", "PT1S");
    props.put("neo.gateway.lag.timeout", "PT5S");
    return props;
  }

  /** A real signed token for {@code subject} with the given Keycloak realm roles. */
  String token(String subject, Permission... permissions) {
    List<String> roles = Arrays.stream(permissions).map(Permission::id).toList();
    return oauth.issueToken(ISSUER_ID, subject, AUDIENCE,
        Map.of("realm_access", Map.of("roles", roles), "preferred_username", subject), 3600).serialize();
  }
}
