package io.neoinfra.devstack;

import io.neoinfra.devstack.kafka.LocalKafkaBroker;
import io.neoinfra.devstack.kafka.LocalKafkaSettings;
import io.neoinfra.devstack.oidc.LocalOidcIssuer;
import io.neoinfra.devstack.oidc.LocalOidcSettings;
import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.processor.MigrationProcessor;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.TopicSetup;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one process: a Kafka node, the local OIDC issuer, the processor, a worker and the gateway,
 * started in that order and stopped in the reverse one. Everything listens on loopback only.
 */
public final class DevStack implements AutoCloseable {

  private final DevStackSettings settings;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private LocalOidcIssuer issuer;
  private String credentialKeys;

  private DevStack(DevStackSettings settings) {
    this.settings = settings;
  }

  public static DevStack start(DevStackSettings settings) {
    DevStack stack = new DevStack(settings);
    try {
      stack.startAll();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startAll() {
    credentialKeys = CredentialKeyFile.loadOrCreate(settings.dataDir().resolve("credential-keys"));

    LocalKafkaBroker kafka = LocalKafkaBroker.start(new LocalKafkaSettings(settings.dataDir().resolve("kafka"),
        settings.kafkaPort(), settings.kafkaControllerPort()));
    running.push(kafka);

    ProcessorSettings processorSettings = ProcessorSettings.defaults(kafka.bootstrapServers())
        .withStateDir(settings.dataDir().resolve("processor-state"))
        .withRetries(settings.retryTiers(), settings.maxAttempts(), 0.2)
        .withMetricsPort(settings.processorMetricsPort())
        .validate();
    TopicSetup.ensure(processorSettings);

    issuer = LocalOidcIssuer.start(LocalOidcSettings.defaults(settings.dataDir()).withPort(settings.issuerPort()));
    running.push(issuer);

    running.push(MigrationProcessor.startServing(processorSettings));

    running.push(MigrationWorker.start(WorkerSettings.builder(kafka.bootstrapServers())
        .bundleLocation(settings.bundleLocation())
        .keyRing(CredentialKeyFile.ring(credentialKeys))
        .metricsPort(settings.workerMetricsPort())
        .build()));

    Map<String, Object> gateway = new HashMap<>();
    gateway.put("server.port", settings.gatewayPort());
    gateway.put("server.address", "127.0.0.1");
    gateway.put("neo.gateway.kafka.bootstrap-servers", kafka.bootstrapServers());
    gateway.put("neo.gateway.security.issuer-uri", issuer.issuerUri());
    gateway.put("neo.gateway.security.audiences", "neo-gateway");
    gateway.put("neo.gateway.credentials.keys", credentialKeys);
    gateway.put("neo.gateway.openapi.token-url", issuer.tokenUri());
    // As command-line arguments: they outrank the gateway's own rest-gateway.properties (server.port=8080 there).
    String[] args = gateway.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
        .properties(Map.of("spring.config.name", "rest-gateway"))
        .run(args);
    running.push(context::close);
  }

  public LocalOidcIssuer issuer() {
    return issuer;
  }

  public DevStackSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("dev stack: stopping a component failed: " + e);
      }
    }
  }
}
