package io.neoinfra.devstack.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.testsupport.FreePorts;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./neo dev} as a user runs it: {@code DevStackMain} in its own JVM on free ports with its own data directory.
 * A stop by signal (what Ctrl-C and {@code kill} send) is clean, and the next start resumes from the broker's data:
 * the executions of the first run are still there, through the API.
 */
class DevStackRestartIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dataDir;

  @Test
  void aStopBySignalIsCleanAndTheNextStartResumesWithTheEarlierExecutions() throws Exception {
    Map<String, String> env = Map.ofEntries(
        Map.entry("NEO_DEV_DATA_DIR", dataDir.toString()),
        Map.entry("NEO_DEV_KAFKA_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_KAFKA_CONTROLLER_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_GATEWAY_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_GATEWAY_MANAGEMENT_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_ISSUER_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_WORKER_METRICS_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_PROCESSOR_METRICS_PORT", String.valueOf(FreePorts.next())),
        Map.entry("NEO_DEV_BUNDLE", "classpath:e2e-bundle"),
        Map.entry("NEO_DEV_DEMO", "false"),
        Map.entry("NEO_DEV_PG_PORT", String.valueOf(POSTGRES.port())));
    String api = "http://127.0.0.1:" + env.get("NEO_DEV_GATEWAY_PORT");
    String tokenUrl = "http://127.0.0.1:" + env.get("NEO_DEV_ISSUER_PORT")
        + "/realms/neo/protocol/openid-connect/token";

    try (TestDatabase db = POSTGRES.createDatabase("restart")) {
      String databaseId = db.databaseName().replace('_', '-');
      String executionId;
      try (DevStackProcess first = DevStackProcess.start(env)) {
        String token = token(tokenUrl);
        HttpResponse<String> created = send(token, "POST", api + "/api/v1/databases/connections",
            "{\"database_id\":\"" + databaseId + "\",\"database_name\":\"" + db.databaseName()
                + "\",\"connection_type\":\"dedicated\",\"host\":\"127.0.0.1\",\"port\":" + db.port()
                + ",\"username\":\"" + db.username() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90)).until(() -> completedExecution(token, api, databaseId) != null);
        executionId = completedExecution(token, api, databaseId);

        first.stopBySignal();

        assertStoppedCleanly(first);
      }

      try (DevStackProcess second = DevStackProcess.start(env)) {
        String token = token(tokenUrl);
        await().atMost(Duration.ofSeconds(60)).until(() ->
            send(token, "GET", api + "/api/v1/migrations/executions/" + executionId, null).statusCode() == 200);
        JsonNode execution = JSON.readTree(
            send(token, "GET", api + "/api/v1/migrations/executions/" + executionId, null).body());
        assertThat(execution.path("status").asText()).isEqualTo("COMPLETED");
        JsonNode connection = JSON.readTree(
            send(token, "GET", api + "/api/v1/databases/connections/" + databaseId, null).body());
        assertThat(connection.path("status").asText()).isEqualTo("registered");
        assertThat(second.output()).noneMatch(line -> line.contains("already registered"));

        second.stopBySignal();

        assertStoppedCleanly(second);
      }
    }
  }

  private static void assertStoppedCleanly(DevStackProcess process) {
    // A JVM stopped by SIGTERM exits with 128 + 15 once its shutdown hooks are done; a hook that hung would be
    // killed by the test's timeout instead, and a crash would print a stack trace.
    assertThat(process.exitCode()).as(String.join("\n", process.output())).isEqualTo(143);
    assertThat(process.output()).as("output").anyMatch(line -> line.startsWith("neo dev: stopped"));
    // Only what follows the banner: while a combined KRaft node starts, its controller may log (with a stack trace) a
    // NotControllerException for its own registration, a harmless race of Kafka's start-up, seen once in CI. The stop
    // is what this test is about.
    List<String> output = process.output();
    int up = 0;
    for (int i = 0; i < output.size(); i++) {
      if (output.get(i).startsWith("NeoInfrastructure dev stack is up")) {
        up = i;
      }
    }
    assertThat(output.subList(up, output.size())).as("no stack trace after start-up")
        .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Exception in thread"));
  }

  private String completedExecution(String token, String api, String databaseId) throws Exception {
    JsonNode list = JSON.readTree(send(token, "GET", api + "/api/v1/migrations/executions?limit=20", null).body());
    for (JsonNode summary : list.path("executions")) {
      String id = summary.path("id").asText();
      JsonNode execution = JSON.readTree(send(token, "GET", api + "/api/v1/migrations/executions/" + id, null).body());
      for (JsonNode target : execution.path("targets")) {
        if (databaseId.equals(target.path("database_id").asText())
            && "COMPLETED".equals(execution.path("status").asText())) {
          return id;
        }
      }
    }
    return null;
  }

  private String token(String tokenUrl) throws Exception {
    String basic = Base64.getEncoder().encodeToString("neo-admin:neo-admin-secret".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("access_token").asText();
  }

  private HttpResponse<String> send(String token, String method, String url, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }


  /**
   * {@code DevStackMain} in a JVM of its own, on this test's class path, its output (stdout and stderr) in a file, as
   * a terminal would show it: a file, unlike a pipe, keeps what the JVM writes while it is exiting.
   */
  private static final class DevStackProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DevStackProcess(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static DevStackProcess start(Map<String, String> env) throws IOException, InterruptedException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // Failsafe runs tests from a manifest-only jar; it names the real test class path in this property.
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Path log = Files.createTempFile("dev-stack", ".log");
      ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", classPath, "io.neoinfra.devstack.DevStackMain").redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      DevStackProcess started = new DevStackProcess(builder.start(), log);
      try {
        await().atMost(Duration.ofSeconds(240)).until(() -> started.output().stream()
            .anyMatch(l -> l.contains("dev stack is up")) || !started.process.isAlive());
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      assertThat(started.process.isAlive()).as(String.join("\n", started.output())).isTrue();
      return started;
    }

    void stopBySignal() throws InterruptedException {
      process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hooks run
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
    }

    int exitCode() {
      return process.exitValue();
    }

    List<String> output() {
      try {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
