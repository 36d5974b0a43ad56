package io.neoinfra.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The REST gateway: authenticates, authorises, validates, publishes lifecycle events and answers reads from a local
 * view of the compacted topics. Runnable with {@code java -jar rest-gateway-*-exec.jar}, or in-process with
 * {@link #start(Map)} (the dev stack and tests).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  /** Our own config file name, so that an in-process dev stack with several Boot apps never mixes their files. */
  static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "rest-gateway");

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(GatewayApplication.class);
    app.setDefaultProperties(DEFAULTS);
    app.run(args);
  }

  /**
   * Starts a gateway in this JVM with the given settings (e.g. {@code neo.kafka.bootstrap.servers}, or
   * {@code server.port=0} for a free port, then read {@code local.server.port}). They win over the config file, as
   * command-line arguments do. With {@code server.port=0} and no {@code management.server.port}, the management port is
   * a free one too ({@code local.management.port}), as in Spring Boot's own tests: two in-process gateways never
   * compete for the default 8081.
   */
  public static ConfigurableApplicationContext start(Map<String, Object> properties) {
    Map<String, Object> effective = new java.util.LinkedHashMap<>(properties);
    if ("0".equals(String.valueOf(properties.get("server.port")))) {
      effective.putIfAbsent("management.server.port", 0);
    }
    String[] args = effective.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(GatewayApplication.class).properties(DEFAULTS).run(args);
  }
}
