package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Alert rules, dashboards and the worker autoscaler read only the agreed metric names
 * (deploy/prometheus/agreed-metrics.txt); the dev-stack's ExposedMetricsIT checks that the services expose them.
 */
class MetricNamesTest {

  private final AgreedMetrics agreed = AgreedMetrics.load();

  @Test
  void extractsMetricNamesAndIgnoresFunctionsLabelsAndKeywords() {
    String expr = "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
        + "{uri!~\"/actuator.*\", status=~\"5..\"}[5m]))) / on (job) group_left sum(up{job=\"x\"}) > 1e3"
        + " and neo_events_queue_size offset 5m unless max_over_time(foo:bar[$__rate_interval])";

    assertThat(PromQl.metricNames(expr))
        .containsExactly("http_server_requests_seconds_bucket", "up", "neo_events_queue_size", "foo:bar");
  }

  @Test
  void everyAlertRuleReadsOnlyAgreedMetrics() {
    Map<String, List<String>> unknown = new TreeMap<>();
    List<String> alerts = new ArrayList<>();
    for (JsonNode group : Repo.yaml("deploy/prometheus/alerts.yml").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.add(rule.path("alert").asText());
        unknownIn(rule.path("expr").asText(), "alert " + rule.path("alert").asText(), unknown);
      }
    }

    assertThat(alerts).contains("NeoApiSlowResponses", "NeoApiErrorRate", "NeoMigrationFailureRate",
        "NeoEventQueueBacklog", "NeoAuthFailureRate", "NeoHighCpu", "NeoHighMemory", "NeoSlowMigrations",
        "NeoProcessingLag");
    assertThat(unknown).as("metric names not in " + AgreedMetrics.FILE).isEmpty();
  }

  @Test
  void everyDashboardPanelReadsOnlyAgreedMetrics() {
    Map<String, List<String>> unknown = new TreeMap<>();
    List<Path> dashboards = Repo.files("deploy/grafana/dashboards", ".json");
    int queries = 0;
    for (Path dashboard : dashboards) {
      for (JsonNode panel : Repo.json(dashboard).path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries++;
          unknownIn(target.path("expr").asText(), dashboard.getFileName() + " / " + panel.path("title").asText(),
              unknown);
        }
      }
    }

    assertThat(dashboards).hasSize(4);
    assertThat(queries).isGreaterThan(20);
    assertThat(unknown).as("metric names not in " + AgreedMetrics.FILE).isEmpty();
  }

  @Test
  void dashboardsUseTheProvisionedDatasource() {
    String uid = Repo.yaml("deploy/grafana/provisioning/datasources/prometheus.yml")
        .path("datasources").get(0).path("uid").asText();
    TreeSet<String> used = new TreeSet<>();
    for (Path dashboard : Repo.files("deploy/grafana/dashboards", ".json")) {
      Repo.json(dashboard).findValues("datasource").forEach(ds -> used.add(ds.path("uid").asText()));
    }

    assertThat(used).containsExactly(uid);
  }

  @Test
  void theWorkerAutoscalerScalesOnAnAgreedMetric() {
    List<String> external = new ArrayList<>();
    for (JsonNode doc : Repo.yamlDocuments(Repo.file("k8s/30-worker.yaml"))) {
      if (doc.path("kind").asText().equals("HorizontalPodAutoscaler")) {
        doc.path("spec").path("metrics").forEach(m -> {
          if (m.path("type").asText().equals("External")) {
            external.add(m.path("external").path("metric").path("name").asText());
          }
        });
      }
    }

    assertThat(external).containsExactly("neo_events_queue_size");
    assertThat(agreed.contains("neo_events_queue_size")).isTrue();
  }

  private void unknownIn(String expression, String where, Map<String, List<String>> unknown) {
    assertThat(expression).as(where + " has an expression").isNotBlank();
    for (String name : PromQl.metricNames(expression)) {
      if (!agreed.contains(name)) {
        unknown.computeIfAbsent(where, w -> new ArrayList<>()).add(name);
      }
    }
  }
}
