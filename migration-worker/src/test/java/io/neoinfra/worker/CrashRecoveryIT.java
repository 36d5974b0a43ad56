package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL in the middle of 200 tasks loses nothing: after a restart every target is at
 * the latest version and every version appears exactly once in every history table.
 */
class CrashRecoveryIT {

  private static final int TARGETS = 200;

  @Test
  void workerKilledMidRunLeavesEveryTargetMigratedExactlyOnceAfterRestart() throws Exception {
    try (WorkerFixture fixture = WorkerFixture.withoutWorker();
        TestDatabase shared = LocalDatabaseServer.postgres().createDatabase("neo_crash")) {
      // given: 200 tenant schemas and one migrate task each, queued
      List<String> schemas = IntStream.range(0, TARGETS).mapToObj(i -> "tenant_" + i).toList();
      try (Connection c = shared.connect(); Statement s = c.createStatement()) {
        for (String schema : schemas) {
          s.execute("CREATE SCHEMA " + schema);
        }
      }
      List<MigrationTask> tasks = new ArrayList<>();
      for (String schema : schemas) {
        TargetConnection connection = new TargetConnection(Engine.POSTGRESQL, shared.host(), shared.port(),
            shared.databaseName(), schema, shared.username(), null);
        tasks.add(WorkerFixture.task(connection).build());
      }
      tasks.forEach(fixture::publish);
      String group = KafkaTestBroker.uniqueName("crash-workers");
      Path log = Files.createTempFile("crash-worker", ".log");

      // when: a worker process runs until some tasks are done, then is killed with SIGKILL
      Process first = startWorkerProcess(fixture, group, log);
      await().atMost(Duration.ofSeconds(120)).until(() -> succeeded(fixture) >= 20);
      first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no commit, no goodbye
      first.waitFor();
      long doneBeforeKill = succeeded(fixture);
      Process second = startWorkerProcess(fixture, group, log);
      try {
        // then: every target reaches the latest version
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
            .until(() -> targetsAtLatest(shared, schemas) == TARGETS);
      } finally {
        second.destroy();
        second.waitFor();
      }

      // and: the kill really landed mid-run, and no history table holds a version twice or a failed row
      assertThat(doneBeforeKill).isLessThan(TARGETS);
      for (String schema : schemas) {
        assertThat(history(shared, schema)).as(schema).containsExactly("1", "2", "3", "4", "5");
      }
    }
  }

  private static long succeeded(WorkerFixture fixture) {
    return fixture.results.stream().filter(TaskSucceeded.class::isInstance).map(r -> r.taskId()).distinct().count();
  }

  private static Process startWorkerProcess(WorkerFixture fixture, String group, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WorkerMain.class.getName());
    Map<String, String> env = new HashMap<>(builder.environment());
    env.put("NEO_KAFKA_BOOTSTRAP_SERVERS", fixture.broker.bootstrapServers());
    env.put("NEO_WORKER_TOPIC_PREFIX", fixture.topics.prefix());
    env.put("NEO_WORKER_GROUP_ID", group);
    env.put("NEO_WORKER_BUNDLE", "classpath:bundles/crash");
    env.put("NEO_WORKER_CONCURRENCY", "4");
    env.put("NEO_WORKER_METRICS_PORT", "0");
    env.put("NEO_WORKER_SESSION_TIMEOUT_MS", "6000");
    Path keyset = Files.createTempFile("crash-worker-keyset", ".json");
    WorkerFixture.KEYS.write(keyset);
    env.put("NEO_CREDENTIAL_PRIVATE_KEYSET", keyset.toString());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  private static int targetsAtLatest(TestDatabase shared, List<String> schemas) throws Exception {
    try (Connection c = shared.connect(); Statement s = c.createStatement()) {
      int done = 0;
      for (String schema : schemas) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
            + "' AND tablename = 'flyway_schema_history'")) {
          rs.next();
          if (rs.getInt(1) == 0) {
            continue;
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema
            + ".flyway_schema_history WHERE version = '5' AND success")) {
          rs.next();
          done += rs.getInt(1) > 0 ? 1 : 0;
        }
      }
      return done;
    }
  }

  private static List<String> history(TestDatabase shared, String schema) throws Exception {
    try (Connection c = shared.connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT version, success FROM " + schema + ".flyway_schema_history WHERE version IS NOT NULL"
            + " ORDER BY installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rs.next()) {
        versions.add(rs.getBoolean(2) ? rs.getString(1) : "failed:" + rs.getString(1));
      }
      return versions;
    }
  }
}
