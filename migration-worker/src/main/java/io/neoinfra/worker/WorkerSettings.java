package io.neoinfra.worker;

import io.neoinfra.schemas.connection.NetworkPolicy;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.worker.connections.TrustBundles;
import io.neoinfra.worker.connections.TargetAccess;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of the worker, parsed once into typed fields. {@link #fromEnvironment()} reads environment variables
 * ({@code NEO_WORKER_CONCURRENCY}) or system properties ({@code neo.worker.concurrency}), Kafka's as every component
 * reads them ({@link KafkaClientSettings}: {@code NEO_KAFKA_*}); {@link #builder(String)} is
 * the programmatic way used by tests and the dev stack. The README's settings table lists the same names and defaults.
 *
 * @param kafka how to reach Kafka: bootstrap servers (required) and client properties such as security
 *     ({@link KafkaClientSettings}: {@code NEO_KAFKA_*}), applied to the task consumer and the result producer
 * @param topicPrefix topic name prefix (default {@code neo.})
 * @param groupId consumer group shared by every replica (default {@code neo-migration-worker})
 * @param workerId written into every result (default {@code worker-<host>-<pid>})
 * @param concurrency tasks run at once, 1..256 (default 4)
 * @param bundleLocation {@code classpath:<path>} or {@code filesystem:<dir>} holding {@code admin/ regional/ tenant/}
 * @param credentials how target passwords are obtained: the private keyset that opens sealed ones, and the limits
 *     of {@code password_ref}
 * @param defaultTimeout a task's timeout when it carries none (default 300 s)
 * @param cancelGrace time between statement cancel and connection abort after a timeout (default 5 s)
 * @param poolMaxSize connections per database pool, at least 2 (default 2 × concurrency: Flyway holds two connections
 *     per task, and every slot may be busy with schemas of the same shared database)
 * @param poolIdleTimeout a pool unused this long is closed (default 60 s)
 * @param connectionTimeout how long to wait for a connection before the task fails as connection refused (default 5 s)
 * @param connectionBudget total connections across all pools (default max(32, 2 × concurrency)); at least 2 ×
 *     concurrency
 * @param circuit per-host circuit-breaker settings
 * @param metricsPort port of the HTTP server for {@code /health} and {@code /metrics}; 0 picks a free port, -1 disables
 * @param shutdownGrace how long {@code close()} waits for running tasks before cancelling them (default 30 s)
 * @param sessionTimeout Kafka consumer session timeout: how soon a crashed worker's partitions move (default 45 s)
 * @param targetAccess embedded engines (default off) and their data directory (default: in memory), and the networks
 *     targets may live in (default: everywhere except link-local and cloud metadata addresses)
 * @param postgresDirectMigrate whether {@code migrate} on PostgreSQL appends versioned scripts itself, writing what
 *     Flyway would, and leaves every other case to Flyway (default true; false runs stock Flyway for everything)
 * @param trustBundles CA files by name, for connections whose {@code tls} names a trust bundle (default none)
 * @param defaultTlsMode the TLS mode of connections that carry no {@code tls} (default none: the driver's own)
 * @param health the consumer that answers the gateway's live connection checks
 */
public record WorkerSettings(
    KafkaClientSettings kafka,
    Topics topics,
    String groupId,
    String workerId,
    int concurrency,
    String bundleLocation,
    CredentialSettings credentials,
    Duration defaultTimeout,
    Duration cancelGrace,
    int poolMaxSize,
    Duration poolIdleTimeout,
    Duration connectionTimeout,
    int connectionBudget,
    CircuitSettings circuit,
    int metricsPort,
    Duration shutdownGrace,
    Duration sessionTimeout,
    TargetAccess targetAccess,
    boolean postgresDirectMigrate,
    TrustBundles trustBundles,
    Optional<TlsMode> defaultTlsMode,
    HealthSettings health) {

  /** Flyway opens a main and a migration connection for most databases. */
  public static final int CONNECTIONS_PER_TASK = 2;

  public WorkerSettings {
    List<String> problems = new ArrayList<>();
    Objects.requireNonNull(kafka, "kafka");
    kafka.problems().forEach(problem -> problems.add(problem.describe()));
    Objects.requireNonNull(topics, "topics");
    if (groupId == null || groupId.isBlank()) {
      problems.add("group id must not be blank");
    }
    if (workerId == null || workerId.isBlank()) {
      problems.add("worker id must not be blank");
    }
    if (concurrency < 1 || concurrency > 256) {
      problems.add("concurrency must be within 1..256, is " + concurrency);
    }
    if (bundleLocation == null
        || !(bundleLocation.startsWith("classpath:") || bundleLocation.startsWith("filesystem:"))) {
      problems.add("bundle location must start with classpath: or filesystem:, is " + bundleLocation);
    }
    Objects.requireNonNull(credentials, "credentials");
    requirePositive(problems, "default timeout", defaultTimeout);
    requirePositive(problems, "cancel grace", cancelGrace);
    requirePositive(problems, "pool idle timeout", poolIdleTimeout);
    requirePositive(problems, "shutdown grace", shutdownGrace);
    requirePositive(problems, "session timeout", sessionTimeout);
    if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
      problems.add("connection timeout must be at least 250 ms (HikariCP's floor), is " + connectionTimeout);
    }
    if (poolMaxSize < CONNECTIONS_PER_TASK || poolMaxSize > 512) {
      problems.add("pool max size must be within 2..512 (Flyway holds two connections per task), is " + poolMaxSize);
    }
    if (connectionBudget < concurrency * CONNECTIONS_PER_TASK) {
      problems.add("connection budget " + connectionBudget + " must be at least 2 × concurrency = "
          + concurrency * CONNECTIONS_PER_TASK + ", or running tasks would starve each other");
    }
    Objects.requireNonNull(circuit, "circuit");
    trustBundles = trustBundles == null ? TrustBundles.none() : trustBundles;
    defaultTlsMode = defaultTlsMode == null ? Optional.empty() : defaultTlsMode;
    Objects.requireNonNull(health, "health");
    if (health.groupId().equals(groupId)) {
      problems.add("health group id must differ from the task group id " + groupId
          + ", or health checks would be queued behind migrations");
    }
    Objects.requireNonNull(targetAccess, "targetAccess");
    if (metricsPort < -1 || metricsPort > 65535) {
      problems.add("metrics port must be -1 (off), 0 (any) or a port, is " + metricsPort);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid worker settings: " + String.join("; ", problems));
    }
  }

  private static void requirePositive(List<String> problems, String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      problems.add(name + " must be positive, is " + value);
    }
  }

  /**
   * The per-host circuit breaker (Resilience4j): it opens when at least {@code failureRatePercent} of the last
   * {@code slidingWindow} connection attempts (and at least {@code minimumCalls}) failed, stays open for
   * {@code openDuration}, then lets {@code halfOpenCalls} probes through.
   */
  public record CircuitSettings(
      int failureRatePercent, int slidingWindow, int minimumCalls, Duration openDuration, int halfOpenCalls) {

    public CircuitSettings {
      if (failureRatePercent < 1 || failureRatePercent > 100) {
        throw new IllegalArgumentException("circuit failure rate must be within 1..100, is " + failureRatePercent);
      }
      if (slidingWindow < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
        throw new IllegalArgumentException("circuit window, minimum calls and half-open calls must be at least 1");
      }
      if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
        throw new IllegalArgumentException("circuit open duration must be positive, is " + openDuration);
      }
    }

    public static CircuitSettings defaults() {
      return new CircuitSettings(50, 10, 5, Duration.ofSeconds(30), 2);
    }
  }

  /** The bootstrap servers of {@link #kafka()}, null when unset. */
  public String bootstrapServers() {
    return kafka.bootstrapServers().orElse(null);
  }

  /**
   * The consumer that answers the gateway's health requests, apart from task processing: its own group (every request
   * is answered by one worker), at most {@code concurrency} checks at once (0 turns it off), each bounded by
   * {@code timeout} and by the request's own expiry, whichever comes first.
   */
  public record HealthSettings(String groupId, int concurrency, Duration timeout) {

    public HealthSettings {
      if (groupId == null || groupId.isBlank()) {
        throw new IllegalArgumentException("health group id must not be blank");
      }
      if (concurrency < 0 || concurrency > 64) {
        throw new IllegalArgumentException("health concurrency must be within 0..64 (0: off), is " + concurrency);
      }
      if (timeout == null || timeout.toMillis() < 100) {
        throw new IllegalArgumentException("health timeout must be at least 100 ms, is " + timeout);
      }
    }

    public boolean enabled() {
      return concurrency > 0;
    }
  }

  /**
   * Where target passwords come from. {@code privateKeyset} opens passwords sealed with the matching public keyset
   * (empty: sealed passwords fail with {@code decryption_failed}); {@code password_ref} values resolve only as
   * variables named {@code secretEnvPrefix<name>} or as plain file names inside {@code secretsDirectory} (empty:
   * {@code file:} references are refused).
   */
  public record CredentialSettings(
      Optional<PrivateKeyset> privateKeyset, Optional<Path> secretsDirectory, String secretEnvPrefix) {

    public static final String DEFAULT_ENV_PREFIX = "NEO_SECRET_";

    public CredentialSettings {
      privateKeyset = privateKeyset == null ? Optional.empty() : privateKeyset;
      secretsDirectory = secretsDirectory == null ? Optional.empty() : secretsDirectory;
      if (secretEnvPrefix == null || !secretEnvPrefix.matches("[A-Za-z_][A-Za-z0-9_]*_")) {
        // An empty or short prefix would let a reference read any variable of the worker, its settings included.
        throw new IllegalArgumentException("secret env prefix must be a variable-name prefix ending in _, such as "
            + DEFAULT_ENV_PREFIX + ", is " + secretEnvPrefix);
      }
      secretsDirectory.ifPresent(dir -> {
        if (!Files.isDirectory(dir)) {
          throw new IllegalArgumentException("secrets directory " + dir + " is not a directory");
        }
      });
    }

    public static CredentialSettings none() {
      return new CredentialSettings(Optional.empty(), Optional.empty(), DEFAULT_ENV_PREFIX);
    }
  }

  /** Settings from environment variables, falling back to system properties, then to defaults. */
  public static WorkerSettings fromEnvironment() {
    return from(System.getenv(), System.getProperties());
  }

  /** Settings from {@code NEO_WORKER_*}, {@code NEO_CREDENTIAL_*} and {@code NEO_KAFKA_*} environment variables. */
  public static WorkerSettings from(Map<String, String> environment) {
    return from(environment, Map.of());
  }

  /**
   * Settings from environment variables, each falling back to the system property of the same name in lower case
   * with dots ({@code neo.worker.concurrency}); Kafka client settings as {@link KafkaClientSettings#load} reads them.
   */
  public static WorkerSettings from(Map<String, String> environment, Map<?, ?> systemProperties) {
    Lookup get = new Lookup(name -> {
      String env = environment.get(name);
      if (env != null && !env.isBlank()) {
        return env;
      }
      Object property = systemProperties.get(name.toLowerCase(Locale.ROOT).replace('_', '.'));
      return property == null ? null : property.toString();
    });
    Builder builder = builder(KafkaClientSettings.load(environment, systemProperties))
        .topicPrefix(get.string("NEO_WORKER_TOPIC_PREFIX", Topics.DEFAULT_PREFIX))
        .groupId(get.string("NEO_WORKER_GROUP_ID", Builder.DEFAULT_GROUP))
        .concurrency(get.integer("NEO_WORKER_CONCURRENCY", Builder.DEFAULT_CONCURRENCY))
        .bundleLocation(get.string("NEO_WORKER_BUNDLE", Builder.DEFAULT_BUNDLE))
        .defaultTimeout(get.seconds("NEO_WORKER_DEFAULT_TIMEOUT_SECONDS", Builder.DEFAULT_TIMEOUT))
        .cancelGrace(get.seconds("NEO_WORKER_CANCEL_GRACE_SECONDS", Builder.DEFAULT_CANCEL_GRACE))
        .poolMaxSize(get.integer("NEO_WORKER_POOL_MAX_SIZE", 0))
        .poolIdleTimeout(get.seconds("NEO_WORKER_POOL_IDLE_SECONDS", Builder.DEFAULT_POOL_IDLE))
        .connectionTimeout(get.millis("NEO_WORKER_CONNECTION_TIMEOUT_MS", Builder.DEFAULT_CONNECTION_TIMEOUT))
        .connectionBudget(get.integer("NEO_WORKER_CONNECTION_BUDGET", 0))
        .circuit(new CircuitSettings(
            get.integer("NEO_WORKER_CIRCUIT_FAILURE_RATE", 50),
            get.integer("NEO_WORKER_CIRCUIT_WINDOW", 10),
            get.integer("NEO_WORKER_CIRCUIT_MINIMUM_CALLS", 5),
            get.seconds("NEO_WORKER_CIRCUIT_OPEN_SECONDS", Duration.ofSeconds(30)),
            get.integer("NEO_WORKER_CIRCUIT_HALF_OPEN_CALLS", 2)))
        .metricsPort(get.integer("NEO_WORKER_METRICS_PORT", Builder.DEFAULT_METRICS_PORT))
        .shutdownGrace(get.seconds("NEO_WORKER_SHUTDOWN_GRACE_SECONDS", Builder.DEFAULT_SHUTDOWN_GRACE))
        .sessionTimeout(get.millis("NEO_WORKER_SESSION_TIMEOUT_MS", Builder.DEFAULT_SESSION_TIMEOUT))
        .postgresDirectMigrate(get.bool("NEO_WORKER_POSTGRES_DIRECT_MIGRATE", true))
        .healthGroupId(get.string("NEO_WORKER_HEALTH_GROUP_ID", null))
        .healthConcurrency(get.integer("NEO_WORKER_HEALTH_CONCURRENCY", Builder.DEFAULT_HEALTH_CONCURRENCY))
        .healthTimeout(get.millis("NEO_WORKER_HEALTH_TIMEOUT_MS", Builder.DEFAULT_HEALTH_TIMEOUT))
        .embeddedEngines(get.bool("NEO_WORKER_EMBEDDED_ENGINES", false))
        .targetNetworks(get.string("NEO_WORKER_TARGET_NETWORKS", ""))
        .deniedNetworks(get.string("NEO_WORKER_DENIED_NETWORKS", String.join(",", NetworkPolicy.DEFAULT_DENIED)));
    String embeddedDataDir = get.string("NEO_WORKER_EMBEDDED_DATA_DIR", null);
    if (embeddedDataDir != null) {
      builder.embeddedDataDir(Path.of(embeddedDataDir));
    }
    String workerId = get.string("NEO_WORKER_ID", null);
    if (workerId != null) {
      builder.workerId(workerId);
    }
    String bundles = get.string("NEO_WORKER_TLS_TRUST_BUNDLES", null);
    if (bundles != null) {
      builder.trustBundles(TrustBundles.parse(bundles));
    }
    String tlsMode = get.string("NEO_WORKER_TLS_DEFAULT_MODE", null);
    if (tlsMode != null) {
      try {
        builder.defaultTlsMode(TlsMode.fromWire(tlsMode));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("NEO_WORKER_TLS_DEFAULT_MODE must be disable, require, verify-ca or "
            + "verify-full, is '" + tlsMode + "'");
      }
    }
    String keyset = get.string("NEO_CREDENTIAL_PRIVATE_KEYSET", null);
    String secretsDir = get.string("NEO_WORKER_SECRETS_DIR", null);
    builder.credentials(new CredentialSettings(
        Optional.ofNullable(keyset).map(file -> PrivateKeyset.read(Path.of(file))),
        Optional.ofNullable(secretsDir).map(Path::of),
        get.string("NEO_WORKER_SECRET_ENV_PREFIX", CredentialSettings.DEFAULT_ENV_PREFIX)));
    return builder.build();
  }

  /** A builder for a PLAINTEXT broker at {@code bootstrapServers}. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(KafkaClientSettings.of(bootstrapServers));
  }

  public static Builder builder(KafkaClientSettings kafka) {
    return new Builder(kafka);
  }

  /** Fluent construction with the defaults in one place. */
  public static final class Builder {
    static final String DEFAULT_GROUP = "neo-migration-worker";
    static final int DEFAULT_CONCURRENCY = 4;
    static final String DEFAULT_BUNDLE = "classpath:neo/migrations";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    static final Duration DEFAULT_CANCEL_GRACE = Duration.ofSeconds(5);
    static final Duration DEFAULT_POOL_IDLE = Duration.ofSeconds(60);
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_BUDGET = 32;
    static final int DEFAULT_METRICS_PORT = 9464;
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    static final int DEFAULT_HEALTH_CONCURRENCY = 2;
    static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClientSettings kafka;
    private String topicPrefix = Topics.DEFAULT_PREFIX;
    private String groupId = DEFAULT_GROUP;
    private String workerId = defaultWorkerId();
    private int concurrency = DEFAULT_CONCURRENCY;
    private String bundleLocation = DEFAULT_BUNDLE;
    private CredentialSettings credentials = CredentialSettings.none();
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private Duration cancelGrace = DEFAULT_CANCEL_GRACE;
    private int poolMaxSize;
    private Duration poolIdleTimeout = DEFAULT_POOL_IDLE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private int connectionBudget;
    private CircuitSettings circuit = CircuitSettings.defaults();
    private int metricsPort = DEFAULT_METRICS_PORT;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private boolean postgresDirectMigrate = true;
    private TrustBundles trustBundles = TrustBundles.none();
    private TlsMode defaultTlsMode;
    private String healthGroupId;
    private int healthConcurrency = DEFAULT_HEALTH_CONCURRENCY;
    private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
    private boolean embeddedEngines;
    private Path embeddedDataDir;
    private String targetNetworks = "";
    private String deniedNetworks = String.join(",", NetworkPolicy.DEFAULT_DENIED);

    private Builder(KafkaClientSettings kafka) {
      this.kafka = kafka;
    }

    /** Topic prefix (default {@code neo.}). */
    public Builder topicPrefix(String value) { topicPrefix = value; return this; }

    /** Consumer group (default {@code neo-migration-worker}). */
    public Builder groupId(String value) { groupId = value; return this; }

    /** Worker id in results (default {@code worker-<host>-<pid>}). */
    public Builder workerId(String value) { workerId = value; return this; }

    /** Tasks at once (default 4). */
    public Builder concurrency(int value) { concurrency = value; return this; }

    /** {@code classpath:<path>} or {@code filesystem:<dir>} (default {@code classpath:neo/migrations}). */
    public Builder bundleLocation(String value) { bundleLocation = value; return this; }

    /** The private keyset that opens sealed passwords (default none). */
    public Builder privateKeyset(PrivateKeyset value) {
      credentials = new CredentialSettings(Optional.ofNullable(value), credentials.secretsDirectory(),
          credentials.secretEnvPrefix());
      return this;
    }

    /** Private keyset and {@code password_ref} limits (default: none, no secrets directory, {@code NEO_SECRET_}). */
    public Builder credentials(CredentialSettings value) { credentials = value; return this; }

    /** Timeout of a task that carries none (default 300 s). */
    public Builder defaultTimeout(Duration value) { defaultTimeout = value; return this; }

    /** Statement cancel → connection abort delay (default 5 s). */
    public Builder cancelGrace(Duration value) { cancelGrace = value; return this; }

    /** Connections per database pool (default, or 0: 2 × concurrency). */
    public Builder poolMaxSize(int value) { poolMaxSize = value; return this; }

    /** Idle pool eviction (default 60 s). */
    public Builder poolIdleTimeout(Duration value) { poolIdleTimeout = value; return this; }

    /** Wait for a connection (default 5 s). */
    public Builder connectionTimeout(Duration value) { connectionTimeout = value; return this; }

    /** Total connections (default, or 0: max(32, 2 × concurrency)). */
    public Builder connectionBudget(int value) { connectionBudget = value; return this; }

    /** Circuit breaker per host (default 50 % of 10, at least 5 calls, open 30 s, 2 probes). */
    public Builder circuit(CircuitSettings value) { circuit = value; return this; }

    /** Metrics/health port (default 9464; 0 any free port; -1 off). */
    public Builder metricsPort(int value) { metricsPort = value; return this; }

    /** Wait for running tasks on close (default 30 s). */
    public Builder shutdownGrace(Duration value) { shutdownGrace = value; return this; }

    /** Consumer session timeout (default 45 s; the broker allows 6 s at least by default). */
    public Builder sessionTimeout(Duration value) { sessionTimeout = value; return this; }

    /** PostgreSQL migrate appends versioned scripts itself, Flyway does the rest (default true). */
    public Builder postgresDirectMigrate(boolean value) { postgresDirectMigrate = value; return this; }

    /** CA files by name for the connections' {@code tls.trust_bundle} (default none). */
    public Builder trustBundles(TrustBundles value) { trustBundles = value; return this; }

    /** TLS mode of connections without {@code tls} (default none: the driver's own default). */
    public Builder defaultTlsMode(TlsMode value) { defaultTlsMode = value; return this; }

    /** Group of the health check consumer (default: the task group id + {@code -health}). */
    public Builder healthGroupId(String value) { healthGroupId = value; return this; }

    /** Health checks at once (default 2; 0 turns the health consumer off). */
    public Builder healthConcurrency(int value) { healthConcurrency = value; return this; }

    /** Longest health check, connect and login included (default 5 s; a request's expiry may cut it shorter). */
    public Builder healthTimeout(Duration value) { healthTimeout = value; return this; }

    /** H2 targets allowed (default false: refused as {@code invalid_connection}). */
    public Builder embeddedEngines(boolean value) { embeddedEngines = value; return this; }

    /** Directory of H2 database files (default none: H2 databases live in memory). */
    public Builder embeddedDataDir(Path value) { embeddedDataDir = value; return this; }

    /** Comma-separated CIDRs targets may live in (default empty: everywhere the denied list leaves). */
    public Builder targetNetworks(String value) { targetNetworks = value; return this; }

    /** Comma-separated CIDRs no target may live in (default {@link NetworkPolicy#DEFAULT_DENIED}). */
    public Builder deniedNetworks(String value) { deniedNetworks = value; return this; }

    public WorkerSettings build() {
      int budget = connectionBudget > 0 ? connectionBudget
          : Math.max(DEFAULT_BUDGET, concurrency * CONNECTIONS_PER_TASK);
      int poolSize = poolMaxSize > 0 ? poolMaxSize : concurrency * CONNECTIONS_PER_TASK;
      HealthSettings health = new HealthSettings(healthGroupId != null ? healthGroupId : groupId + "-health",
          healthConcurrency, healthTimeout);
      return new WorkerSettings(kafka, new Topics(topicPrefix), groupId, workerId, concurrency,
          bundleLocation, credentials, defaultTimeout, cancelGrace, poolSize, poolIdleTimeout,
          connectionTimeout, budget, circuit, metricsPort, shutdownGrace, sessionTimeout, targetAccess(),
          postgresDirectMigrate, trustBundles, Optional.ofNullable(defaultTlsMode), health);
    }

    private TargetAccess targetAccess() {
      return new TargetAccess(embeddedEngines, Optional.ofNullable(embeddedDataDir),
          NetworkPolicy.of(targetNetworks, deniedNetworks));
    }

    private static String defaultWorkerId() {
      // RuntimeMXBean's name is "<pid>@<host>".
      String[] pidAtHost = ManagementFactory.getRuntimeMXBean().getName().split("@", 2);
      return "worker-" + (pidAtHost.length > 1 ? pidAtHost[1] : "local") + "-" + pidAtHost[0];
    }
  }

  private record Lookup(Function<String, String> source) {
    String string(String name, String fallback) {
      String value = source.apply(name);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String name, int fallback) {
      String value = string(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be an integer, is '" + value + "'");
      }
    }

    boolean bool(String name, boolean fallback) {
      String value = string(name, null);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(name + " must be true or false, is '" + value + "'");
      };
    }

    Duration seconds(String name, Duration fallback) {
      String value = string(name, null);
      return value == null ? fallback : Duration.ofSeconds(integer(name, 0));
    }

    Duration millis(String name, Duration fallback) {
      String value = string(name, null);
      return value == null ? fallback : Duration.ofMillis(integer(name, 0));
    }
  }
}
