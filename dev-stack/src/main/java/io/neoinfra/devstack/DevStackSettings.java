package io.neoinfra.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
public record DevStackSettings(
    Path dataDir, int kafkaPort, int kafkaControllerPort, int gatewayPort, int issuerPort, int workerMetricsPort,
    String bundleLocation, boolean demo, String postgresHost, int postgresPort) {

  public DevStackSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    List<String> problems = new ArrayList<>();
    for (var port : Map.of("kafka", kafkaPort, "kafka controller", kafkaControllerPort, "gateway", gatewayPort, "issuer", issuerPort,
        "worker metrics", workerMetricsPort, "postgres", postgresPort).entrySet()) {
      if (port.getValue() < 1 || port.getValue() > 65534) {
        problems.add(port.getKey() + " port must be within 1..65534, is " + port.getValue());
      }
    }
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
        Integer.parseInt(setting("NEO_DEV_PG_PORT", "5432")));
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
}
