package io.neoinfra.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The platform as it is deployed, on this machine: the KRaft broker, the processor, the worker(s) and the gateway,
 * each a JVM of its own started from its module's runtime classpath, plus an OIDC issuer in this JVM that signs real
 * JWTs for the gateway. Started in dependency order, each waited for; stopped in reverse order with SIGTERM. Logs
 * go to {@code bench/target/platform-logs/<start time>/<service>.log}.
 */
public final class Platform implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

  private final PlatformSettings settings;
  private final Path dataDir;
  private final Path logDir;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final List<ServiceProcess> services = new ArrayList<>();
  private String bootstrapServers;
  private GatewayClient gateway;

  private Platform(PlatformSettings settings) throws IOException {
    this.settings = settings;
    this.dataDir = Files.createTempDirectory("neo-bench-platform");
    this.logDir = settings.repoRoot().resolve("bench/target/platform-logs")
        .resolve(Instant.now().toString().replace(':', '-'));
  }

  public static Platform start(PlatformSettings settings) throws Exception {
    Platform platform = new Platform(settings);
    try {
      platform.startAll();
    } catch (Exception | Error e) {
      platform.close();
      throw e;
    }
    return platform;
  }

  private void startAll() throws Exception {
    long started = System.nanoTime();
    int brokerPort = freePort();
    bootstrapServers = "127.0.0.1:" + brokerPort;
    ServiceProcess broker = service("broker", "bench", "io.neoinfra.bench.platform.BrokerMain", List.of(),
        List.of(dataDir.resolve("kafka").toString(), String.valueOf(brokerPort), String.valueOf(freePort())),
        Map.of());
    awaitBroker(broker);

    String keys = "bench:" + randomKey();
    ServiceProcess processor = service("processor", "migration-processor", "io.neoinfra.processor.ProcessorMain", List.of(),
        List.of("bootstrap-servers=" + bootstrapServers, "state-dir=" + dataDir.resolve("processor-state")),
        Map.of());
    awaitTopics(processor, Set.of("neo.lifecycle.normal", "neo.migration.tasks.normal",
        "neo.migration.results", "neo.migration.executions", "neo.databases", "neo.tenants"));

    for (int i = 1; i <= settings.workers(); i++) {
      Map<String, String> env = new HashMap<>();
      env.put("NEO_WORKER_BOOTSTRAP_SERVERS", bootstrapServers);
      env.put("NEO_WORKER_CONCURRENCY", String.valueOf(settings.workerConcurrency()));
      env.put("NEO_WORKER_BUNDLE", "filesystem:" + settings.repoRoot().resolve(PlatformSettings.BUNDLE_DIR));
      env.put("NEO_WORKER_METRICS_PORT", "-1");
      env.put("NEO_WORKER_ID", "bench-worker-" + i);
      env.put("NEO_CREDENTIAL_KEYS", keys);
      service(settings.workers() == 1 ? "worker" : "worker-" + i, "migration-worker",
          "io.neoinfra.worker.WorkerMain", List.of(), List.of(), env);
    }

    if (settings.gateway()) {
      MockOAuth2Server issuer = new MockOAuth2Server();
      issuer.start();
      running.push(issuer::shutdown);
      int port = freePort();
      // The bench measures migrations, not admission: the per-principal rate limit would otherwise pace the
      // registration of thousands of tenants. The limiter still runs (and costs) on every request.
      List<String> args = List.of("--server.port=" + port, "--server.address=127.0.0.1",
          "--neo.gateway.kafka.bootstrap-servers=" + bootstrapServers,
          "--neo.gateway.security.issuer-uri=" + issuer.issuerUrl("neo"),
          "--neo.gateway.security.jwk-set-uri=" + issuer.jwksUrl("neo"),
          "--neo.gateway.rate-limit.principal-capacity=100000000",
          "--neo.gateway.rate-limit.principal-refill-per-second=100000000",
          "--logging.level.root=WARN");
      // The key ring through the environment (Spring's relaxed binding), not the command line that ps shows.
      // On an inherited classpath (the smoke test) slf4j-simple sits next to Logback: Spring Boot must not try to
      // take over logging then.
      List<String> jvm = settings.inheritClasspath()
          ? List.of("-Dorg.springframework.boot.logging.LoggingSystem=none") : List.of();
      ServiceProcess process = service("gateway", "rest-gateway", "io.neoinfra.gateway.GatewayApplication",
          jvm, args, Map.of("NEO_GATEWAY_CREDENTIALS_KEYS", keys));
      String token = issuer.issueToken("neo", "neo-bench", "neo-gateway", Map.of("preferred_username", "neo-bench",
          "realm_access", Map.of("roles", List.of("infrastructure:admin"))), 24 * 3600).serialize();
      gateway = new GatewayClient("http://127.0.0.1:" + port, token);
      awaitUntil(process, "the gateway's health endpoint", gateway::healthy);
    }
    System.out.printf("platform: %s started in %d s (logs in %s)%n", services.stream().map(ServiceProcess::name)
        .toList(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), logDir);
  }

  private ServiceProcess service(String name, String module, String mainClass, List<String> jvmOptions,
      List<String> args, Map<String, String> env) {
    List<String> options = new ArrayList<>(settings.serviceJvmOptions());
    options.addAll(jvmOptions);
    options.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    String classpath = settings.inheritClasspath() ? System.getProperty("java.class.path")
        : ServiceProcess.moduleClasspath(settings.repoRoot(), module);
    ServiceProcess process = ServiceProcess.start(name, classpath, mainClass, options, args, env, logDir);
    services.add(process);
    running.push(process);
    return process;
  }

  private void awaitBroker(ServiceProcess broker) throws InterruptedException {
    awaitUntil(broker, "the broker", () -> {
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    });
  }

  private void awaitTopics(ServiceProcess processor, Set<String> topics) throws InterruptedException {
    try (Admin admin = admin()) {
      awaitUntil(processor, "the processor's topics", () -> {
        try {
          return admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(topics);
        } catch (Exception e) {
          return false;
        }
      });
    }
  }

  private static void awaitUntil(ServiceProcess process, String what, java.util.function.BooleanSupplier ready)
      throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      process.requireAlive();
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not ready within " + START_TIMEOUT + "; " + process.name()
            + "'s log ends:\n" + process.logTail(40));
      }
      Thread.sleep(250); // a start-up wait on another process, polled
    }
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public PlatformSettings settings() {
    return settings;
  }

  /** The gateway's client with an admin token; fails when the platform runs without gateway. */
  public GatewayClient gateway() {
    if (gateway == null) {
      throw new IllegalStateException("this platform runs without the gateway");
    }
    return gateway;
  }

  /** Every service process, in start order (broker, processor, workers, gateway). */
  public List<ServiceProcess> services() {
    return List.copyOf(services);
  }

  /** Fails with the service's log tail if any service has died. */
  public void requireAlive() {
    services.forEach(ServiceProcess::requireAlive);
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("platform: stopping a component failed: " + e);
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("platform: cannot delete " + dataDir + ": " + e.getMessage());
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
