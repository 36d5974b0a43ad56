package io.neoinfra.processor;

import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.kafka.KafkaSettingsProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Every setting of the processor, in one typed place. Defaults are in {@link #defaults(String)}; {@link #validate()}
 * reports every broken rule at once. {@link #fromProperties(Properties)} reads the {@code neo.processor.*} keys of
 * README.md (system properties or {@code key=value} arguments of {@link ProcessorMain}).
 *
 * @param kafka how to reach Kafka: bootstrap servers (required) and client properties such as security, read by
 *     {@link KafkaClientSettings} ({@code NEO_KAFKA_*}); applied to Kafka Streams and the admin client
 * @param applicationId Kafka Streams application id: consumer group, transactional ids and internal topic names
 * @param topicPrefix prefix of every topic name (default {@code neo.})
 * @param stateDir where RocksDB state stores live; keep it across restarts for a fast recovery
 * @param partitions partitions of the topics {@link TopicSetup} creates; results and commands must be equal
 * @param defaultMigrationTimeout a task's timeout when neither the event nor the database says otherwise (300 s)
 * @param retryTiers delays of the retry tiers, strictly increasing, one topic each
 * @param maxAttempts attempts of a task, the first included; after the last, the task is dead-lettered
 * @param jitter extra random delay on a retry, as a fraction of its tier (0.2 = up to 20 % later)
 * @param retryPollInterval how often the retry forwarder looks for due tasks (wall clock)
 * @param deadlineGrace time added to a task's timeout before it counts as lost and is re-issued
 * @param deadlineCheckInterval how often in-flight tasks are checked against their deadline (wall clock)
 * @param viewEmitInterval progress views of a running execution are written at most this often; ZERO = every change
 * @param viewTargetsPerInterval an execution of more targets writes its progress view once per interval per this many
 *     targets (a view holds every target; 1,000)
 * @param commitInterval Kafka Streams commit interval (exactly-once: the latency of every output)
 * @param streamThreads Kafka Streams threads of this instance
 * @param streamsOverrides raw Kafka Streams/client properties applied last (escape hatch, e.g. session.timeout.ms)
 * @param metricsPort port of {@code /health} and {@code /metrics} when started with
 *     {@link MigrationProcessor#startServing} (as {@link ProcessorMain} does): 9401; 0 picks a free port, -1 disables
 */
public record ProcessorSettings(
    KafkaClientSettings kafka,
    String applicationId,
    String topicPrefix,
    Path stateDir,
    int partitions,
    Duration defaultMigrationTimeout,
    List<Duration> retryTiers,
    int maxAttempts,
    double jitter,
    Duration retryPollInterval,
    Duration deadlineGrace,
    Duration deadlineCheckInterval,
    Duration viewEmitInterval,
    int viewTargetsPerInterval,
    Duration commitInterval,
    int streamThreads,
    Map<String, String> streamsOverrides,
    int metricsPort) {

  public static final String PROPERTY_PREFIX = "neo.processor.";
  /** The port of {@code /health} and {@code /metrics} unless configured (the deployment files expect it). */
  public static final int DEFAULT_METRICS_PORT = 9401;

  public ProcessorSettings {
    retryTiers = retryTiers == null ? List.of() : List.copyOf(retryTiers);
    streamsOverrides = streamsOverrides == null ? Map.of() : Map.copyOf(streamsOverrides);
  }

  /** The defaults of README.md for a PLAINTEXT broker at {@code bootstrapServers}. */
  public static ProcessorSettings defaults(String bootstrapServers) {
    return defaults(KafkaClientSettings.of(bootstrapServers));
  }

  /** The defaults of README.md for the cluster {@code kafka} describes. */
  public static ProcessorSettings defaults(KafkaClientSettings kafka) {
    return new ProcessorSettings(kafka, "neo-migration-processor", "neo.",
        Path.of(System.getProperty("java.io.tmpdir"), "neo-migration-processor"), 6, Duration.ofSeconds(300),
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5)), 4, 0.2,
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), 1_000,
        Duration.ofMillis(100), 1, Map.of(), DEFAULT_METRICS_PORT);
  }

  /** Every broken rule, empty when the settings are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (kafka == null) {
      problems.add(new KafkaSettingsProblem.MissingBootstrapServers().describe());
    } else {
      kafka.problems().forEach(problem -> problems.add(problem.describe()));
    }
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      problems.add("application-id must be letters, digits, '.', '_' or '-'");
    }
    if (topicPrefix == null || !(topicPrefix.isEmpty() || topicPrefix.matches("[A-Za-z0-9._-]+"))) {
      problems.add("topic-prefix may contain only letters, digits, '.', '_' and '-'");
    }
    if (stateDir == null) {
      problems.add("state-dir is required");
    }
    if (partitions < 1) {
      problems.add("partitions must be at least 1, is " + partitions);
    }
    positive(problems, "default-migration-timeout", defaultMigrationTimeout);
    if (defaultMigrationTimeout != null && defaultMigrationTimeout.toSeconds() > 86_400) {
      problems.add("default-migration-timeout must be at most 86400 s (the task contract's limit)");
    }
    problems.addAll(RetryTiers.problems(retryTiers));
    if (maxAttempts < 1) {
      problems.add("max-attempts must be at least 1, is " + maxAttempts);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      problems.add("jitter must be between 0 and 1, is " + jitter);
    }
    positive(problems, "retry-poll-interval", retryPollInterval);
    if (deadlineGrace == null || deadlineGrace.isNegative()) {
      problems.add("deadline-grace must be zero or positive");
    }
    positive(problems, "deadline-check-interval", deadlineCheckInterval);
    if (viewEmitInterval == null || viewEmitInterval.isNegative()) {
      problems.add("view-emit-interval must be zero or positive");
    }
    if (viewTargetsPerInterval < 1) {
      problems.add("view-targets-per-interval must be at least 1");
    }
    positive(problems, "commit-interval", commitInterval);
    if (metricsPort < -1 || metricsPort > 65535) {
      problems.add("metrics-port must be -1 (off), 0 (any free port) or a port, is " + metricsPort);
    }
    if (streamThreads < 1) {
      problems.add("stream-threads must be at least 1, is " + streamThreads);
    }
    return problems;
  }

  /** @throws IllegalArgumentException naming every broken rule */
  public ProcessorSettings validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid processor settings: " + String.join("; ", problems));
    }
    return this;
  }

  private static void positive(List<String> problems, String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      problems.add(name + " must be positive");
    }
  }

  /** The bootstrap servers of {@link #kafka()}, null when unset. */
  public String bootstrapServers() {
    return kafka == null ? null : kafka.bootstrapServers().orElse(null);
  }

  public ProcessorSettings withKafka(KafkaClientSettings value) {
    return new ProcessorSettings(value, applicationId, topicPrefix, stateDir, partitions, defaultMigrationTimeout,
        retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace, deadlineCheckInterval, viewEmitInterval,
        viewTargetsPerInterval, commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withApplicationId(String value) {
    return new ProcessorSettings(kafka, value, topicPrefix, stateDir, partitions, defaultMigrationTimeout,
        retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace, deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval,
        commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withTopicPrefix(String value) {
    return new ProcessorSettings(kafka, applicationId, value, stateDir, partitions, defaultMigrationTimeout,
        retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace, deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval,
        commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withStateDir(Path value) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, value, partitions,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval, commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withPartitions(int value) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, value,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval, commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  /** Retry tiers, attempts and jitter together, since they are only meaningful together. */
  public ProcessorSettings withRetries(List<Duration> tiers, int attempts, double jitterFraction) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions,
        defaultMigrationTimeout, tiers, attempts, jitterFraction, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval, commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withIntervals(Duration retryPoll, Duration grace, Duration deadlineCheck,
      Duration viewEmit) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPoll, grace, deadlineCheck, viewEmit, viewTargetsPerInterval,
        commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  /** Progress views at most every {@code interval}, and once per interval per {@code targets} for larger executions. */
  public ProcessorSettings withViewCadence(Duration interval, int targets) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, interval, targets, commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withDefaultMigrationTimeout(Duration value) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions, value,
        retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace, deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval,
        commitInterval, streamThreads, streamsOverrides, metricsPort);
  }

  public ProcessorSettings withStreamsOverrides(Map<String, String> value) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval, commitInterval, streamThreads, value, metricsPort);
  }

  public ProcessorSettings withMetricsPort(int value) {
    return new ProcessorSettings(kafka, applicationId, topicPrefix, stateDir, partitions,
        defaultMigrationTimeout, retryTiers, maxAttempts, jitter, retryPollInterval, deadlineGrace,
        deadlineCheckInterval, viewEmitInterval, viewTargetsPerInterval, commitInterval, streamThreads, streamsOverrides, value);
  }

  /**
   * Reads {@code neo.processor.<name>} keys (names as in README.md, durations as ISO-8601 {@code PT5S} or
   * {@code 5s}/{@code 250ms}/{@code 5m}, tiers comma-separated); keys {@code neo.processor.streams.<kafka key>}
   * become {@link #streamsOverrides()}; {@code neo.kafka.*} keys are the Kafka client settings
   * ({@link KafkaClientSettings}). Missing keys keep their default.
   */
  public static ProcessorSettings fromProperties(Properties props) {
    return fromProperties(props, Map.of());
  }

  /**
   * As {@link #fromProperties(Properties)}, the Kafka client settings read from the {@code NEO_KAFKA_*} names of
   * {@code environment} first, then from the {@code neo.kafka.*} keys of {@code props}.
   */
  public static ProcessorSettings fromProperties(Properties props, Map<String, String> environment) {
    ProcessorSettings d = defaults(KafkaClientSettings.load(environment, props));
    java.util.function.Function<String, String> get = name -> props.getProperty(PROPERTY_PREFIX + name);
    Map<String, String> overrides = new java.util.TreeMap<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(PROPERTY_PREFIX + "streams.")) {
        overrides.put(name.substring((PROPERTY_PREFIX + "streams.").length()), props.getProperty(name));
      }
    }
    return new ProcessorSettings(
        d.kafka(),
        or(get.apply("application-id"), d.applicationId()),
        or(get.apply("topic-prefix"), d.topicPrefix()),
        get.apply("state-dir") == null ? d.stateDir() : Path.of(get.apply("state-dir")),
        get.apply("partitions") == null ? d.partitions() : Integer.parseInt(get.apply("partitions").trim()),
        duration(get.apply("default-migration-timeout"), d.defaultMigrationTimeout()),
        get.apply("retry-tiers") == null ? d.retryTiers()
            : java.util.Arrays.stream(get.apply("retry-tiers").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> duration(s, null)).toList(),
        get.apply("max-attempts") == null ? d.maxAttempts() : Integer.parseInt(get.apply("max-attempts").trim()),
        get.apply("jitter") == null ? d.jitter() : Double.parseDouble(get.apply("jitter").trim()),
        duration(get.apply("retry-poll-interval"), d.retryPollInterval()),
        duration(get.apply("deadline-grace"), d.deadlineGrace()),
        duration(get.apply("deadline-check-interval"), d.deadlineCheckInterval()),
        duration(get.apply("view-emit-interval"), d.viewEmitInterval()),
        get.apply("view-targets-per-interval") == null ? d.viewTargetsPerInterval()
            : Integer.parseInt(get.apply("view-targets-per-interval").trim()),
        duration(get.apply("commit-interval"), d.commitInterval()),
        get.apply("stream-threads") == null ? d.streamThreads()
            : Integer.parseInt(get.apply("stream-threads").trim()),
        overrides,
        get.apply("metrics-port") == null ? d.metricsPort() : Integer.parseInt(get.apply("metrics-port").trim()));
  }

  /**
   * {@code NEO_PROCESSOR_<NAME>} environment variables as {@code neo.processor.<name>} keys ({@code _} becomes
   * {@code -}: {@code NEO_PROCESSOR_METRICS_PORT} is {@code neo.processor.metrics-port}), for containers. Raw Kafka
   * Streams overrides have dots in their names, which environment variables cannot carry: they stay properties.
   */
  public static Properties environmentProperties(Map<String, String> environment) {
    Properties props = new Properties();
    String prefix = "NEO_PROCESSOR_";
    environment.forEach((name, value) -> {
      if (name.startsWith(prefix) && !name.startsWith(prefix + "STREAMS_") && value != null && !value.isBlank()) {
        props.setProperty(PROPERTY_PREFIX + name.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT)
            .replace('_', '-'), value);
      }
    });
    return props;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** {@code PT5S}, {@code 250ms}, {@code 5s}, {@code 5m}, {@code 1h}. */
  static Duration duration(String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      return Duration.parse(t);
    }
    var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (PT5S, 250ms, 5s, 5m, 1h): " + t);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  public Map<String, String> streamsOverridesOrEmpty() {
    return Objects.requireNonNullElse(streamsOverrides, Map.of());
  }
}
