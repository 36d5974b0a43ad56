package io.neoinfra.devstack;

import io.neoinfra.processor.ProcessorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the dev stack keeps its data and which loopback ports it takes. Read from environment variables (or system
 * properties with the same name in lower case and dots, e.g. {@code neo.dev.gateway.port}).
 *
 * @param dataDir broker data, processor state, signing and credential keys, H2 files ({@code NEO_DEV_DATA_DIR},
 *     default {@code .neo} in the checkout, ignored by git)
 * @param kafkaPort the broker's client port ({@code NEO_DEV_KAFKA_PORT}, default 9092)
 * @param kafkaControllerPort the KRaft controller's port ({@code NEO_DEV_KAFKA_CONTROLLER_PORT}, default 9093)
 * @param gatewayPort the REST gateway ({@code NEO_DEV_GATEWAY_PORT}, default 8080)
 * @param issuerPort the local OIDC issuer ({@code NEO_DEV_ISSUER_PORT}, default 8180)
 * @param workerMetricsPort the worker's /health and /metrics ({@code NEO_DEV_WORKER_METRICS_PORT}, default 9464)
 * @param bundleLocation the migration bundle the worker runs ({@code NEO_DEV_BUNDLE}, default
 *     {@code classpath:demo-bundle}; {@code filesystem:/path} for your own)
 * @param demo register the demo databases and tenants and run a first migration ({@code NEO_DEV_DEMO}, default true)
 * @param postgresHost where to look for a PostgreSQL for the demo targets ({@code NEO_DEV_PG_HOST}, default
 *     127.0.0.1:5432, user postgres, trust auth); if none answers, the demo uses H2 files in the data directory
 * @param processorMetricsPort the processor's /health and /metrics ({@code NEO_DEV_PROCESSOR_METRICS_PORT}, default
 *     9401)
 * @param retryTiers the processor's retry tiers ({@code NEO_DEV_RETRY_TIERS}, default {@code 5s,30s,5m}; shorter ones
 *     show a dead letter within seconds)
 * @param maxAttempts attempts of a task before it is dead-lettered ({@code NEO_DEV_MAX_ATTEMPTS}, default 4)
 * @param gatewayManagementPort the gateway's health and Prometheus endpoints, open without a token
 *     ({@code NEO_DEV_GATEWAY_MANAGEMENT_PORT}, default 8081)
 */
public record DevStackSettings(
    Path dataDir, int kafkaPort, int kafkaControllerPort, int gatewayPort, int issuerPort, int workerMetricsPort,
    String bundleLocation, boolean demo, String postgresHost, int postgresPort, int processorMetricsPort,
    List<Duration> retryTiers, int maxAttempts, int gatewayManagementPort) {

  public DevStackSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    retryTiers = List.copyOf(Objects.requireNonNull(retryTiers, "retryTiers"));
    List<String> problems = new ArrayList<>();
    for (var port : Map.of("kafka", kafkaPort, "kafka controller", kafkaControllerPort, "gateway", gatewayPort, "issuer", issuerPort,
        "worker metrics", workerMetricsPort, "postgres", postgresPort, "processor metrics", processorMetricsPort,
        "gateway management", gatewayManagementPort)
        .entrySet()) {
      if (port.getValue() < 1 || port.getValue() > 65534) {
        problems.add(port.getKey() + " port must be within 1..65534, is " + port.getValue());
      }
    }
    // the processor's own rules for tiers and attempts, so that a bad value is reported before anything starts
    problems.addAll(ProcessorSettings.defaults("unused:9092").withRetries(retryTiers, maxAttempts, 0.2).problems());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid dev stack settings: " + String.join("; ", problems));
    }
  }

  public static DevStackSettings fromEnvironment(Path defaultDataDir) {
    return new DevStackSettings(
        Path.of(setting("NEO_DEV_DATA_DIR", defaultDataDir.toString())),
        Integer.parseInt(setting("NEO_DEV_KAFKA_PORT", "9092")),
        Integer.parseInt(setting("NEO_DEV_KAFKA_CONTROLLER_PORT", "9093")),
        Integer.parseInt(setting("NEO_DEV_GATEWAY_PORT", "8080")),
        Integer.parseInt(setting("NEO_DEV_ISSUER_PORT", "8180")),
        Integer.parseInt(setting("NEO_DEV_WORKER_METRICS_PORT", "9464")),
        setting("NEO_DEV_BUNDLE", "classpath:demo-bundle"),
        Boolean.parseBoolean(setting("NEO_DEV_DEMO", "true")),
        setting("NEO_DEV_PG_HOST", "127.0.0.1"),
        Integer.parseInt(setting("NEO_DEV_PG_PORT", "5432")),
        Integer.parseInt(setting("NEO_DEV_PROCESSOR_METRICS_PORT", String.valueOf(
            ProcessorSettings.DEFAULT_METRICS_PORT))),
        retryTiers(setting("NEO_DEV_RETRY_TIERS", "5s,30s,5m")),
        Integer.parseInt(setting("NEO_DEV_MAX_ATTEMPTS", "4")),
        Integer.parseInt(setting("NEO_DEV_GATEWAY_MANAGEMENT_PORT", "8081")));
  }

  /** {@code 5s,30s,5m} (or ISO-8601 durations), read as the processor reads its {@code retry-tiers}. */
  static List<Duration> retryTiers(String text) {
    Properties props = new Properties();
    props.setProperty(ProcessorSettings.PROPERTY_PREFIX + "retry-tiers", text);
    return ProcessorSettings.fromProperties(props).retryTiers();
  }

  /** The same settings with other retry tiers and attempts (tests want dead letters within seconds). */
  public DevStackSettings withRetries(List<Duration> tiers, int attempts) {
    return new DevStackSettings(dataDir, kafkaPort, kafkaControllerPort, gatewayPort, issuerPort, workerMetricsPort,
        bundleLocation, demo, postgresHost, postgresPort, processorMetricsPort, tiers, attempts,
        gatewayManagementPort);
  }

  private static String setting(String env, String fallback) {
    String value = System.getenv(env);
    if (value == null || value.isBlank()) {
      value = System.getProperty(env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  /** Where the gateway's {@code /actuator/health} and {@code /actuator/prometheus} are. */
  public String gatewayManagementUrl() {
    return "http://127.0.0.1:" + gatewayManagementPort;
  }
}
