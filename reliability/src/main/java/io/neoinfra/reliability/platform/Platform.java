package io.neoinfra.reliability.platform;

import io.neoinfra.devstack.oidc.LocalOidcIssuer;
import io.neoinfra.devstack.oidc.LocalOidcSettings;
import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.processor.ProcessorMain;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.TopicSetup;
import io.neoinfra.schemas.crypto.SecretKeyRing;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.awaitility.Awaitility;

/**
 * The whole platform with every service in its own JVM: a Kafka node ({@link BrokerMain}), the processor
 * ({@link ProcessorMain}), workers ({@link WorkerMain}) and the gateway ({@link GatewayApplication}); the OIDC issuer
 * stays in this JVM (it is not under test). Ports are picked once, so a restarted service comes back where its peers
 * expect it. {@link #close()} stops everything it started.
 */
public final class Platform implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private final PlatformSettings settings;
  private final int brokerPort = freePort();
  private final int controllerPort = freePort();
  private final int gatewayPort = freePort();
  private final String credentialKeys = newKeyRing();
  private final List<ServiceProcess> workers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalOidcIssuer issuer;
  private ServiceProcess broker;
  private ServiceProcess processor;
  private ServiceProcess gateway;

  private Platform(PlatformSettings settings) {
    this.settings = settings;
  }

  /** Starts every service and returns once the broker answers and the gateway reports healthy. */
  public static Platform start(PlatformSettings settings, Clock issuerClock) {
    Platform platform = new Platform(settings);
    try {
      platform.startAll(issuerClock);
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  private void startAll(Clock issuerClock) {
    // A test JVM that is stopped (Ctrl-C, a build timeout) takes its service JVMs with it: they are not daemons.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> services().forEach(ServiceProcess::kill), "platform-reaper"));
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    issuer = LocalOidcIssuer.start(LocalOidcSettings.defaults(settings.dataDir()).withPort(0), issuerClock);
    broker = ServiceProcess.start(brokerSpec(), logDir());
    awaitBroker();
    // Topics exist before any client looks for them; the processor would create the same ones.
    TopicSetup.ensure(processorSettings());
    processor = ServiceProcess.start(processorSpec(), logDir());
    for (int i = 1; i <= settings.workers(); i++) {
      workers.add(ServiceProcess.start(workerSpec("worker-" + i), logDir()));
    }
    gateway = ServiceProcess.start(gatewaySpec(), logDir());
    awaitGatewayHealthy();
  }

  // --- the services --------------------------------------------------------------------------------------------

  private ServiceSpec brokerSpec() {
    return new ServiceSpec("broker", settings.classpath(), BrokerMain.class.getName(), 768, quietLogs(), Map.of(),
        List.of(settings.dataDir().resolve("kafka").toString(), String.valueOf(brokerPort),
            String.valueOf(controllerPort)));
  }

  private ProcessorSettings processorSettings() {
    return ProcessorSettings.defaults(bootstrapServers()).withPartitions(settings.partitions()).validate();
  }

  private ServiceSpec processorSpec() {
    return new ServiceSpec("processor", settings.classpath(), ProcessorMain.class.getName(), 512, quietLogs(),
        Map.of(), List.of(
            "bootstrap-servers=" + bootstrapServers(),
            "state-dir=" + settings.dataDir().resolve("processor-state"),
            "partitions=" + settings.partitions(),
            "retry-tiers=" + settings.retryTiers(),
            "max-attempts=" + settings.maxAttempts(),
            "default-migration-timeout=60s",
            "deadline-grace=15s",
            "view-emit-interval=500ms",
            // a killed processor's partitions move after seconds, not the default 45 s
            "streams.session.timeout.ms=6000",
            "streams.heartbeat.interval.ms=1500"));
  }

  private ServiceSpec workerSpec(String name) {
    return new ServiceSpec(name, settings.classpath(), WorkerMain.class.getName(), 384, quietLogs(), Map.ofEntries(
        Map.entry("NEO_WORKER_BOOTSTRAP_SERVERS", bootstrapServers()),
        Map.entry("NEO_WORKER_ID", name),
        Map.entry("NEO_WORKER_BUNDLE", "classpath:demo-bundle"),
        Map.entry("NEO_WORKER_CONCURRENCY", String.valueOf(settings.workerConcurrency())),
        Map.entry("NEO_WORKER_METRICS_PORT", "0"),
        Map.entry("NEO_WORKER_SESSION_TIMEOUT_MS", "6000"),
        // generous: on a loaded machine a PostgreSQL login alone can take seconds, and a pool timeout counts as a
        // refused connection (retries, then an open circuit) that has nothing to do with the fault under test
        Map.entry("NEO_WORKER_CONNECTION_TIMEOUT_MS", "15000"),
        Map.entry("NEO_WORKER_CIRCUIT_OPEN_SECONDS", "5"),
        Map.entry("NEO_CREDENTIAL_KEYS", credentialKeys)), List.of());
  }

  private ServiceSpec gatewaySpec() {
    return new ServiceSpec("gateway", settings.classpath(), GatewayApplication.class.getName(), 512, Map.of(),
        Map.of(), List.of(
            "--server.port=" + gatewayPort,
            "--server.address=127.0.0.1",
            "--logging.level.root=WARN",
            "--neo.gateway.kafka.bootstrap-servers=" + bootstrapServers(),
            "--neo.gateway.security.issuer-uri=" + issuer.issuerUri(),
            "--neo.gateway.security.audiences=neo-gateway",
            "--neo.gateway.credentials.keys=" + credentialKeys,
            "--neo.gateway.rate-limit.enabled=" + settings.rateLimited()));
  }

  private static Map<String, String> quietLogs() {
    return Map.of("org.slf4j.simpleLogger.defaultLogLevel", "warn");
  }

  // --- faults ---------------------------------------------------------------------------------------------------

  public List<ServiceProcess> workers() {
    return List.copyOf(workers);
  }

  public ServiceProcess processor() {
    return processor;
  }

  public ServiceProcess gateway() {
    return gateway;
  }

  public ServiceProcess broker() {
    return broker;
  }

  /** Every service JVM, for sampling and liveness checks. */
  public List<ServiceProcess> services() {
    List<ServiceProcess> all = new ArrayList<>();
    java.util.stream.Stream.of(broker, processor, gateway).filter(java.util.Objects::nonNull).forEach(all::add);
    all.addAll(workers);
    return all;
  }

  /** Stops the broker (SIGTERM, a clean shutdown) and starts it again on the same data and ports. */
  public void restartBroker() {
    broker.stop();
    broker.restart();
    awaitBroker();
  }

  /** Starts again whatever is not running (after a test's fault, so the next test finds the whole platform). */
  public void reviveAll() {
    if (!broker.isAlive()) {
      broker.restart();
      awaitBroker();
    }
    for (ServiceProcess service : services()) {
      if (!service.isAlive()) {
        service.restart();
      }
    }
    awaitGatewayHealthy();
  }

  // --- where things are ------------------------------------------------------------------------------------------

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  public Topics topics() {
    return Topics.withDefaultPrefix();
  }

  public LocalOidcIssuer issuer() {
    return issuer;
  }

  public SecretKeyRing credentialKeyRing() {
    return SecretKeyRing.parse(credentialKeys, null);
  }

  public Path logDir() {
    return settings.dataDir().resolve("logs");
  }

  public PlatformSettings settings() {
    return settings;
  }

  // --- readiness -------------------------------------------------------------------------------------------------

  private void awaitBroker() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    awaitCondition("the Kafka node on " + bootstrapServers(), broker, () -> {
      try (Admin admin = Admin.create(props)) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** Waits until {@code GET /api/v1/system/health} answers 200 (the gateway's view has caught up with Kafka). */
  public void awaitGatewayHealthy() {
    awaitCondition("the gateway on " + gatewayUrl(), gateway, () -> {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl()
            + "/api/v1/system/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private static void awaitCondition(String what, ServiceProcess service, Callable<Boolean> ready) {
    Awaitility.await(what).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).pollInSameThread()
        .failFast(what + " exited; see " + service.log(), () -> !service.isAlive())
        .until(ready);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String newKeyRing() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "rel1:" + Base64.getEncoder().encodeToString(key);
  }

  @Override
  public void close() {
    // Clients first, the broker last, so that nobody spends its shutdown waiting for a broker that is gone.
    if (gateway != null) {
      gateway.stop();
    }
    workers.forEach(ServiceProcess::stop);
    if (processor != null) {
      processor.stop();
    }
    if (broker != null) {
      broker.stop();
    }
    if (issuer != null) {
      issuer.close();
    }
  }
}
