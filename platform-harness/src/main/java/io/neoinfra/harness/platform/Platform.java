package io.neoinfra.harness.platform;

import io.neoinfra.devstack.oidc.LocalOidcIssuer;
import io.neoinfra.devstack.oidc.LocalOidcSettings;
import io.neoinfra.harness.gateway.RenewingToken;
import io.neoinfra.harness.process.ServiceClasspath;
import io.neoinfra.harness.process.ServiceProcess;
import io.neoinfra.harness.process.ServiceSpec;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.TopicSetup;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.FreePorts;
import io.neoinfra.testsupport.GatewayClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on this machine with every service in its own JVM: a Kafka node ({@link BrokerMain}), the
 * processor, the worker(s) and, optionally, the gateway, plus an OIDC issuer in this JVM (not under test) whose tokens
 * the gateway checks against its JWKS. Started in dependency order, each waited for (broker metadata, the processor's
 * {@code /health}, the gateway's health endpoint); {@link #close()} stops them in reverse order with SIGTERM. Ports
 * are picked once, so that a service killed or stopped and {@linkplain ServiceProcess#restart() restarted} comes back
 * where its peers expect it.
 */
public final class Platform implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  /** The client every benchmark uses waits this long per request: a registration burst on a loaded machine. */
  private static final Duration GATEWAY_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final PlatformSettings settings;
  private final int brokerPort = FreePorts.next();
  private final int controllerPort = FreePorts.next();
  private final int processorMetricsPort = FreePorts.next();
  private final int gatewayPort = FreePorts.next();
  private final int gatewayManagementPort = FreePorts.next();
  /** The workers' keyset of this run; the gateway is given its public half only. */
  private final PrivateKeyset credentialKeys = PrivateKeyset.generate();
  private final List<ServiceProcess> workers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  // A JVM that is stopped (Ctrl-C, a build timeout) takes its service JVMs with it: they are not its children.
  private final Thread reaper = new Thread(() -> services().forEach(ServiceProcess::kill), "platform-reaper");
  private LocalOidcIssuer issuer;
  private GatewayClient gatewayClient;
  private ServiceProcess broker;
  private ServiceProcess processor;
  private ServiceProcess gateway;

  private Platform(PlatformSettings settings) {
    this.settings = settings;
  }

  /** Starts every service and returns once each is ready. */
  public static Platform start(PlatformSettings settings) {
    return start(settings, Clock.systemUTC());
  }

  /** As {@link #start(PlatformSettings)}, with the OIDC issuer on {@code issuerClock} (a test that ages tokens). */
  public static Platform start(PlatformSettings settings, Clock issuerClock) {
    Platform platform = new Platform(settings);
    try {
      platform.startAll(issuerClock);
    } catch (RuntimeException | Error e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  private void startAll(Clock issuerClock) {
    long started = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    credentialKeys.write(privateKeysetFile());
    credentialKeys.publicKeyset().write(publicKeysetFile());
    broker = launch(ServiceRole.BROKER, "broker", Map.of(), List.of(settings.dataDir().resolve("kafka").toString(),
        String.valueOf(brokerPort), String.valueOf(controllerPort)));
    awaitBroker();
    // Topics exist before any client looks for them; the processor would create the same ones.
    TopicSetup.ensure(ProcessorSettings.defaults(bootstrapServers()).withPartitions(settings.partitions()).validate());
    processor = launch(ServiceRole.PROCESSOR, "processor", kafkaEnvironment(), processorArguments());
    awaitProcessor();
    for (int i = 1; i <= settings.workers(); i++) {
      // one worker is "worker" (the memory benchmark's figures are named after it), several are worker-1, worker-2…
      String name = settings.workers() == 1 ? "worker" : "worker-" + i;
      workers.add(launch(ServiceRole.WORKER, name, workerEnvironment(name), List.of()));
    }
    if (settings.gateway()) {
      LocalOidcSettings issuerSettings = LocalOidcSettings.defaults(settings.dataDir()).withPort(0);
      issuer = LocalOidcIssuer.start(issuerSettings, issuerClock);
      // The public keyset file through the environment (Spring's relaxed binding), as in a deployment.
      Map<String, String> gatewayEnvironment = kafkaEnvironment();
      gatewayEnvironment.put("NEO_CREDENTIAL_PUBLIC_KEYSET", publicKeysetFile().toString());
      gateway = launch(ServiceRole.GATEWAY, "gateway", gatewayEnvironment, gatewayArguments());
      gatewayClient = new GatewayClient(gatewayUrl(), new RenewingToken(() -> issuer.issueToken("neo-admin"),
          issuerSettings.tokenLifetime(), issuerClock), GATEWAY_REQUEST_TIMEOUT);
      awaitGatewayHealthy();
    }
    System.out.printf("platform: %s started in %d s (logs in %s)%n", services().stream().map(ServiceProcess::name)
        .toList(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), settings.logDir());
  }

  // --- the services --------------------------------------------------------------------------------------------

  private ServiceProcess launch(ServiceRole role, String name, Map<String, String> environment,
      List<String> arguments) {
    List<String> options = new ArrayList<>();
    Integer heap = settings.maxHeapMb().get(role);
    if (heap != null) {
      options.add("-Xmx" + heap + "m");
    }
    options.addAll(settings.serviceJvmOptions());
    options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (role == ServiceRole.GATEWAY && !(settings.classpath() instanceof ServiceClasspath.Modules)
        && !bindsLogback()) {
      // On a shared classpath slf4j-simple may sit before Logback: the gateway JVM then binds the provider this JVM
      // bound, and Spring Boot, seeing Logback classes without a Logback context, must not take over logging.
      options.add("-Dorg.springframework.boot.logging.LoggingSystem=none");
    }
    ServiceSpec spec = new ServiceSpec(name, settings.classpath().of(role.module()), role.mainClass(), options,
        environment, arguments);
    return ServiceProcess.start(spec, settings.logDir());
  }

  private static boolean bindsLogback() {
    return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.");
  }

  /** Every service reaches Kafka through the same variables (docs/kafka-security.md). */
  private Map<String, String> kafkaEnvironment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("NEO_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
    return environment;
  }

  private List<String> processorArguments() {
    List<String> arguments = new ArrayList<>(List.of(
        "state-dir=" + settings.dataDir().resolve("processor-state"),
        "partitions=" + settings.partitions(),
        // a port of its own, not the default 9401 that a ./neo dev on this machine may hold
        "metrics-port=" + processorMetricsPort));
    settings.processorOptions().forEach((key, value) -> arguments.add(key + "=" + value));
    return arguments;
  }

  private Map<String, String> workerEnvironment(String name) {
    Map<String, String> environment = new HashMap<>(settings.workerEnvironment());
    environment.putAll(kafkaEnvironment());
    environment.put("NEO_WORKER_ID", name);
    environment.put("NEO_WORKER_BUNDLE", settings.workerBundle());
    environment.put("NEO_WORKER_CONCURRENCY", String.valueOf(settings.workerConcurrency()));
    environment.put("NEO_CREDENTIAL_PRIVATE_KEYSET", privateKeysetFile().toString());
    return environment;
  }

  private List<String> gatewayArguments() {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=" + gatewayPort,
        // health and metrics on a free port, not the default 8081 that a ./neo dev on this machine may hold
        "--management.server.port=" + gatewayManagementPort,
        "--server.address=127.0.0.1",
        "--logging.level.root=WARN",
        "--neo.gateway.security.issuer-uri=" + issuer.issuerUri(),
        "--neo.gateway.security.jwk-set-uri=" + issuer.jwksUri(),
        "--neo.gateway.security.audiences=neo-gateway"));
    arguments.addAll(settings.rateLimit().gatewayArguments());
    return arguments;
  }

  /** Every service JVM in start order (broker, processor, workers, gateway), for sampling and liveness checks. */
  public List<ServiceProcess> services() {
    List<ServiceProcess> all = new ArrayList<>();
    Stream.of(broker, processor).filter(Objects::nonNull).forEach(all::add);
    all.addAll(workers);
    if (gateway != null) {
      all.add(gateway);
    }
    return all;
  }

  public ServiceProcess broker() {
    return broker;
  }

  public ServiceProcess processor() {
    return processor;
  }

  public List<ServiceProcess> workers() {
    return List.copyOf(workers);
  }

  /** The gateway's process; fails when the platform runs without the gateway. */
  public ServiceProcess gatewayProcess() {
    requireGateway();
    return gateway;
  }

  /**
   * A client of the gateway with an {@code infrastructure:admin} token, reused until half its lifetime has passed;
   * fails when the platform runs without the gateway.
   */
  public GatewayClient gateway() {
    requireGateway();
    return gatewayClient;
  }

  /** The OIDC issuer whose tokens the gateway accepts (clients {@code neo-admin}, {@code neo-operator}, …). */
  public LocalOidcIssuer issuer() {
    requireGateway();
    return issuer;
  }

  private void requireGateway() {
    if (!settings.gateway()) {
      throw new IllegalStateException("this platform runs without the gateway");
    }
  }

  /** Fails with the service's log tail if any service has died. */
  public void requireAlive() {
    services().forEach(ServiceProcess::requireAlive);
  }

  // --- faults ---------------------------------------------------------------------------------------------------

  /** Stops the broker (SIGTERM, a clean shutdown) and starts it again on the same data and ports. */
  public void restartBroker() {
    broker.stop();
    broker.restart();
    awaitBroker();
  }

  /** Starts again whatever is not running (after a test's fault, so that the next test finds the whole platform). */
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
    if (gateway != null) {
      awaitGatewayHealthy();
    }
  }

  // --- where things are ------------------------------------------------------------------------------------------

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** A new admin client of the broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  public Topics topics() {
    return Topics.withDefaultPrefix();
  }

  public Path logDir() {
    return settings.logDir();
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
    await(broker, "the Kafka node on " + bootstrapServers(), () -> {
      try (Admin admin = Admin.create(props)) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    });
  }

  /** Waits until the processor's {@code /health} answers 200 (its Kafka Streams runs or is rebalancing). */
  private void awaitProcessor() {
    URI health = URI.create("http://127.0.0.1:" + processorMetricsPort + "/health");
    await(processor, "the processor's /health on port " + processorMetricsPort, () -> {
      try {
        return http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  /** Waits until {@code GET /api/v1/system/health} answers 200 (the gateway's view has caught up with Kafka). */
  public void awaitGatewayHealthy() {
    await(gatewayProcess(), "the gateway on " + gatewayUrl(), gatewayClient::healthy);
  }

  /** Polls {@code ready} until it holds; fails with the service's log tail if the service exits or time runs out. */
  private static void await(ServiceProcess service, String what, BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      service.requireAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not ready within " + READY_TIMEOUT + "; " + service.name()
            + "'s log " + service.log() + " ends:\n" + service.logTail(40));
      }
      try {
        Thread.sleep(250); // a start-up wait on another process, polled
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }


  private Path privateKeysetFile() {
    return settings.dataDir().resolve("credentials-private.json");
  }

  private Path publicKeysetFile() {
    return settings.dataDir().resolve("credentials-public.json");
  }

  // --- stop ------------------------------------------------------------------------------------------------------

  /**
   * Stops everything it started, clients first and the broker last, so that nobody spends its shutdown waiting for a
   * broker that is gone; then deletes the data directory unless the settings keep it. Logs are always kept.
   */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is shutting down (the reaper runs), or start failed before the hook was added
    }
    List<ServiceProcess> reverse = new ArrayList<>(services());
    Collections.reverse(reverse);
    for (ServiceProcess service : reverse) {
      try {
        service.stop();
      } catch (RuntimeException e) {
        System.err.println("platform: stopping " + service.name() + " failed: " + e);
      }
    }
    if (issuer != null) {
      issuer.close();
    }
    if (!settings.keepData() && Files.exists(settings.dataDir())) {
      try (Stream<Path> files = Files.walk(settings.dataDir())) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        System.err.println("platform: cannot delete " + settings.dataDir() + ": " + e.getMessage());
      }
    }
  }
}
