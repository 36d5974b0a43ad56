package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker on our files: the scrape config and the rules load, each alert fires on its synthetic
 * series (alerts-test.yml), and every dashboard query parses. promtool comes from Debian's prometheus package, which
 * .ci/run installs; without it these tests fail and say so.
 */
class PromtoolIT {

  @BeforeAll
  static void promtoolIsInstalled() throws Exception {
    Result version;
    try {
      version = run(Repo.root(), "promtool", "--version");
    } catch (IOException e) {
      throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run does it): " + e);
    }
    assertThat(version.exitCode()).as(version.output()).isZero();
  }

  @Test
  void scrapeConfigAndRulesAreValid() throws Exception {
    Result result = run(Repo.file("deploy/prometheus"), "promtool", "check", "config", "prometheus.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertFiresOnItsSyntheticSeriesAndNotOnHealthyOnes() throws Exception {
    Result result = run(Repo.file("deploy/prometheus"), "promtool", "test", "rules", "alerts-test.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
    String tests = Repo.text("deploy/prometheus/alerts-test.yml");
    for (JsonNode group : Repo.yaml("deploy/prometheus/alerts.yml").path("groups")) {
      group.path("rules").forEach(rule ->
          assertThat(tests).as("a unit test for " + rule.path("alert").asText())
              .contains("alertname: " + rule.path("alert").asText() + "\n"));
    }
  }

  @Test
  void everyDashboardQueryParses(@TempDir Path dir) throws Exception {
    // Each panel query as a recording rule, so that promtool parses it; Grafana variables become a regex.
    ObjectNode rules = Repo.YAML.createObjectNode();
    ArrayNode groups = rules.putArray("groups");
    int n = 0;
    for (Path dashboard : Repo.files("deploy/grafana/dashboards", ".json")) {
      ObjectNode group = groups.addObject().put("name", dashboard.getFileName().toString());
      ArrayNode list = group.putArray("rules");
      for (JsonNode panel : Repo.json(dashboard).path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          String expr = target.path("expr").asText().replaceAll("\\$\\{?\\w+}?", ".*");
          list.addObject().put("record", "dashboard:query_" + n++).put("expr", expr);
        }
      }
    }
    Path file = dir.resolve("dashboard-queries.yml");
    Repo.YAML.writeValue(file.toFile(), rules);

    Result result = run(dir, "promtool", "check", "rules", file.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Result(process.exitValue(), output);
  }
}
