package io.neoinfra.devstack;

import io.neoinfra.devstack.kafka.LocalKafkaBroker;
import io.neoinfra.devstack.kafka.LocalKafkaSettings;
import io.neoinfra.devstack.oidc.BrowserClient;
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
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one process: a Kafka node, the local OIDC issuer, the processor, a worker and the gateway,
 * started in that order and stopped in the reverse one. Everything listens on loopback only.
 */
public final class DevStack implements AutoCloseable {

  private final DevStackSettings settings;
  /** Started components, newest first; guarded by {@code this}, as {@link #closed} is. */
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private boolean closed;
  private volatile LocalOidcIssuer issuer;
  private volatile CredentialKeysetFiles credentials;

  private DevStack(DevStackSettings settings) {
    this.settings = settings;
  }

  /** Starts everything and returns once the gateway answers. */
  public static DevStack start(DevStackSettings settings) {
    return prepare(settings).startAll();
  }

  /**
   * A stack that is not started yet, so that a caller can arrange for {@link #close()} (a shutdown hook) before
   * {@link #startAll()}: a stop during the start then closes what had started, and the start ends with
   * {@link StoppedWhileStartingException}, instead of leaving a Kafka node to be killed mid-write.
   */
  public static DevStack prepare(DevStackSettings settings) {
    return new DevStack(settings);
  }

  /** Starts the components in order; on any failure, stops those already started and rethrows. */
  public DevStack startAll() {
    try {
      startComponents();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** Keeps a started component for {@link #close()}, or closes it at once if the stack was stopped meanwhile. */
  private <T extends AutoCloseable> T started(T component) {
    synchronized (this) {
      if (!closed) {
        running.push(component);
        return component;
      }
    }
    closeQuietly(component);
    throw new StoppedWhileStartingException();
  }

  /** The stack was closed (Ctrl-C) while it was starting; what had started is stopped. */
  public static final class StoppedWhileStartingException extends IllegalStateException {
    StoppedWhileStartingException() {
      super("the dev stack was stopped while it was starting");
    }
  }

  private void startComponents() {
    credentials = CredentialKeysetFiles.loadOrCreate(settings.dataDir());

    LocalKafkaBroker kafka = LocalKafkaBroker.start(new LocalKafkaSettings(settings.dataDir().resolve("kafka"),
        settings.kafkaPort(), settings.kafkaControllerPort()));
    started(kafka);

    ProcessorSettings processorSettings = ProcessorSettings.defaults(kafka.bootstrapServers())
        .withStateDir(settings.dataDir().resolve("processor-state"))
        .withRetries(settings.retryTiers(), settings.maxAttempts(), 0.2)
        .withMetricsPort(settings.processorMetricsPort())
        .validate();
    TopicSetup.ensure(processorSettings);

    issuer = LocalOidcIssuer.start(LocalOidcSettings.defaults(settings.dataDir()).withPort(settings.issuerPort())
        .withBrowserClients(List.of(BrowserClient.swaggerUi(settings.gatewayPort()))));
    started(issuer);

    started(MigrationProcessor.startServing(processorSettings));

    started(MigrationWorker.start(WorkerSettings.builder(kafka.bootstrapServers())
        .bundleLocation(settings.bundleLocation())
        .privateKeyset(credentials.keyset())
        .metricsPort(settings.workerMetricsPort())
        // The demo falls back to H2 files when no PostgreSQL answers; deployments leave embedded engines off.
        .embeddedEngines(true)
        .embeddedDataDir(settings.dataDir().resolve("h2"))
        .build()));

    Map<String, Object> gateway = new HashMap<>();
    gateway.put("server.port", settings.gatewayPort());
    gateway.put("server.address", "127.0.0.1");
    gateway.put("management.server.port", settings.gatewayManagementPort());
    gateway.put("management.server.address", "127.0.0.1");
    gateway.put("neo.kafka.bootstrap.servers", kafka.bootstrapServers());
    gateway.put("neo.gateway.security.issuer-uri", issuer.issuerUri());
    gateway.put("neo.gateway.security.audiences", "neo-gateway");
    // The gateway gets the public keyset only: it seals passwords and cannot open them.
    gateway.put("neo.credential.public-keyset", credentials.publicFile().toAbsolutePath().toString());
    gateway.put("neo.gateway.openapi.token-url", issuer.tokenUri());
    gateway.put("neo.gateway.openapi.authorization-url", issuer.authorizationUri());
    gateway.put("neo.gateway.openapi.browser-client-id", BrowserClient.SWAGGER_UI);
    gateway.put("neo.gateway.connections.embedded-engines", true);
    // As command-line arguments: they outrank the gateway's own rest-gateway.properties (server.port=8080 there).
    String[] args = gateway.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
        .properties(Map.of("spring.config.name", "rest-gateway"))
        .run(args);
    started((AutoCloseable) context::close);
  }

  /** The credential key pair in the data directory (the public file is what producers and the CLI use). */
  CredentialKeysetFiles credentials() {
    return credentials;
  }

  public LocalOidcIssuer issuer() {
    return issuer;
  }

  public DevStackSettings settings() {
    return settings;
  }

  /** Stops every started component, newest first; safe to call more than once and while starting. */
  @Override
  public synchronized void close() {
    closed = true;
    while (!running.isEmpty()) {
      closeQuietly(running.pop());
    }
  }

  private static void closeQuietly(AutoCloseable component) {
    try {
      component.close();
    } catch (Exception e) {
      System.err.println("dev stack: stopping a component failed: " + e);
    }
  }
}
