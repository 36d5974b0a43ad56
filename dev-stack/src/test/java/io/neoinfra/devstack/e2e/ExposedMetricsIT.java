package io.neoinfra.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.devstack.DevStack;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metric names the alert rules and dashboards read (deploy/prometheus/agreed-metrics.txt; deploy-check proves the
 * rules and dashboards use no other) are really exposed: the dev stack does some of everything (a migration, a
 * rollback, a dead letter, requests without a token, over the rate limit), then its gateway, worker and processor are
 * scraped where Prometheus scrapes them.
 */
class ExposedMetricsIT {

  private static final LocalDatabaseServer POSTGRES = E2EStack.POSTGRES;
  private static final Path AGREED = Path.of("..", "deploy", "prometheus", "agreed-metrics.txt");

  private static DevStack stack;
  private static GatewayClient api;
  private static TestDatabase db;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void shareTheDevStack() {
    // The end-to-end tests' stack: starting a second one would cost more than everything this test does.
    stack = E2EStack.shared().stack;
    api = E2EStack.shared().api;
    db = POSTGRES.createDatabase("metrics");
  }

  @AfterAll
  static void dropTheDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void everyMetricTheAlertRulesAndDashboardsReadIsExposedByItsService() throws Exception {
    somethingOfEverything();
    Map<String, Set<String>> expected = expectedBySource();
    Map<String, String> endpoints = Map.of(
        "gateway", stack.settings().gatewayManagementUrl() + "/actuator/prometheus",
        "worker", "http://127.0.0.1:" + stack.settings().workerMetricsPort() + "/metrics",
        "processor", "http://127.0.0.1:" + stack.settings().processorMetricsPort() + "/metrics");
    Map<String, List<String>> missing = new TreeMap<>();

    // Counters appear once they first count: give the platform time to finish what was started above.
    try {
      await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        missing.clear();
        expected.forEach((source, names) -> {
          Set<String> exposed = scrape(endpoints.get(source));
          names.stream().filter(n -> !exposed.contains(n))
              .forEach(n -> missing.computeIfAbsent(source, s -> new ArrayList<>()).add(n));
        });
        return missing.isEmpty();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("exposed-metrics: missing " + missing);
    }

    assertThat(missing).as("agreed metric names not exposed (source -> names)").isEmpty();
  }

  /** The migration, rollback, dead letter, failed authentications and rate-limited requests the metrics count. */
  private void somethingOfEverything() throws Exception {
    String connection = "{\"database_id\":\"metrics-db\",\"database_name\":\"" + db.databaseName()
        + "\",\"connection_type\":\"dedicated\",\"engine\":\"postgresql\",\"host\":\"127.0.0.1\",\"port\":"
        + db.port() + ",\"username\":\"" + db.username() + "\",\"auto_migrate\":false}";
    assertThat(api.post("/api/v1/databases/connections", connection).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> "registered".equals(
        api.get("/api/v1/databases/connections/metrics-db").body().path("status").asText()));
    String executionId = api.post("/api/v1/migrations/dynamic",
        "{\"scope\":\"TENANT\",\"target_databases\":[\"metrics-db\"],\"target_version\":\"2\"}")
        .body().get("execution_id").asText();
    await().atMost(Duration.ofSeconds(90)).until(() -> "COMPLETED".equals(
        api.get("/api/v1/migrations/executions/" + executionId).body().path("status").asText()));
    api.post("/api/v1/migrations/executions/" + executionId + "/rollback", "{\"strategy\":\"flyway_undo\"}");

    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.settings().kafkaPort(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      producer.send(new ProducerRecord<>(Topics.withDefaultPrefix().lifecycle(Priority.NORMAL), "metrics-bad",
          "{\"truncated\":")).get(30, TimeUnit.SECONDS);
    }

    // Without a token: 401 (an authentication failure) until the per-address bucket is empty, then 429.
    for (int i = 0; i < 150; i++) {
      http.send(HttpRequest.newBuilder(URI.create(stack.settings().gatewayUrl() + "/api/v1/migrations/status"))
          .header("Authorization", "Bearer not-a-token").build(), HttpResponse.BodyHandlers.discarding());
    }
    // The other end-to-end tests share this gateway and address: go on once the address allowance has refilled.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> api.get("/api/v1/migrations/status").status() == 200);
  }

  private static Map<String, Set<String>> expectedBySource() throws IOException {
    Map<String, Set<String>> bySource = new TreeMap<>();
    for (String line : Files.readAllLines(AGREED)) {
      String content = line.replaceFirst("#.*", "").trim();
      if (content.isEmpty()) {
        continue;
      }
      String[] parts = content.split("\\s+");
      List<String> sources = switch (parts[1]) {
        case "all" -> List.of("gateway", "worker", "processor");
        case "prometheus" -> List.of();
        default -> List.of(parts[1]);
      };
      sources.forEach(s -> bySource.computeIfAbsent(s, k -> new TreeSet<>()).add(parts[0]));
    }
    return bySource;
  }

  /**
   * The metric names of one Prometheus text exposition, fetched as Prometheus does, without a token (the gateway's on
   * its management port); empty when the endpoint does not answer 200.
   */
  private Set<String> scrape(String url) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    Set<String> names = new TreeSet<>();
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return names;
      }
      for (String line : response.body().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
    } catch (IOException e) {
      return names; // not listening (yet): every name of this source is reported missing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return names;
  }
}
