package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * The processor as a separate JVM ({@link ProcessorMain}), killed with SIGKILL in the middle of an execution of 500
 * targets and started again; a scripted fake worker answers every task. Exactly-once v2 must make the final counts
 * exact and lose no task.
 */
class KillAndRestartIT {

  private static final KafkaTestBroker BROKER = KafkaTestBroker.shared();
  private static final int TARGETS = 500;

  @Test
  void processorKilledDuringAnExecutionOf500TargetsEndsWithExactCountsAndNoLostTask() throws Exception {
    ProcessorSettings settings = ItSupport.settings(BROKER);
    ProcessorTopics topics = TopicSetup.topics(settings);
    TopicSetup.ensure(settings);
    Path log = Path.of("target", "kill-and-restart-" + settings.applicationId() + ".log");

    try (var executions = new ItSupport.Follower(BROKER, topics.shared().executions());
        var databases = new ItSupport.Follower(BROKER, topics.shared().databases());
        var worker = new FakeWorker(BROKER, topics.shared());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(BROKER.producerProps())) {
      Process first = startProcessor(settings, log);
      try {
        for (int i = 0; i < TARGETS; i++) {
          ItSupport.publish(producer, topics, new DatabaseCreated(String.format("db-%03d", i), "app",
              ConnectionType.SHARED, "eu-1", Engine.POSTGRESQL, "db.local", 5432, "neo", null, false, null, null));
        }
        producer.flush();
        // The processor's global registry reads the same committed records as this follower, and the request
        // below takes one more exactly-once commit to reach the execution side.
        await().atMost(Duration.ofSeconds(120)).until(() -> databases.records.size() >= TARGETS);

        ItSupport.publish(producer, topics, new MigrationRequested("big-1", Scope.REGIONAL, null, null, null, false,
            null, false, new RolloutPolicy(25, 100), null, null, "it", null));
        producer.flush();

        await().atMost(Duration.ofSeconds(120)).until(() -> succeeded(executions.view("big-1")) >= 100);
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no leave-group
        first.waitFor(30, TimeUnit.SECONDS);
      }
      int atKill = succeeded(executions.view("big-1"));

      Process second = startProcessor(settings, log);
      try {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
            .until(() -> executions.view("big-1") != null && executions.view("big-1").status().terminal());
      } finally {
        second.destroy();
        second.waitFor(60, TimeUnit.SECONDS);
      }

      ExecutionView view = executions.view("big-1");
      assertThat(atKill).isLessThan(TARGETS);
      assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(view.targets()).hasSize(TARGETS);
      assertThat(view.counts()).containsEntry(TargetStatus.SUCCEEDED, TARGETS)
          .containsEntry(TargetStatus.FAILED, 0).containsEntry(TargetStatus.QUEUED, 0)
          .containsEntry(TargetStatus.RUNNING, 0).containsEntry(TargetStatus.SKIPPED, 0);
      assertThat(view.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(TARGETS);
      assertThat(view.targets()).extracting(TargetState::status).containsOnly(TargetStatus.SUCCEEDED);
      assertThat(view.targets()).extracting(TargetState::targetId).doesNotHaveDuplicates();
      assertThat(worker.targetsSeen()).hasSize(TARGETS);
      Map<Integer, Long> attempts = view.targets().stream()
          .collect(Collectors.groupingBy(TargetState::attempts, Collectors.counting()));
      assertThat(attempts).containsOnlyKeys(1); // no deadline re-issue was needed: nothing was lost
      System.out.printf("kill -9 at %d/%d succeeded; tasks received by the worker: %d (re-deliveries: %d)%n",
          atKill, TARGETS, worker.received().size(), worker.received().size() - TARGETS);
    }
  }

  private static int succeeded(ExecutionView view) {
    return view == null ? 0 : view.counts().getOrDefault(TargetStatus.SUCCEEDED, 0);
  }

  private static Process startProcessor(ProcessorSettings s, Path log) throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-Dorg.slf4j.simpleLogger.log.io.neoinfra=info",
        ProcessorMain.class.getName(),
        "neo.kafka.bootstrap.servers=" + s.bootstrapServers(),
        "application-id=" + s.applicationId(),
        "topic-prefix=" + s.topicPrefix(),
        "state-dir=" + s.stateDir(),
        "partitions=" + s.partitions(),
        "retry-tiers=1s,2s",
        "max-attempts=3",
        "view-emit-interval=200ms",
        "streams.session.timeout.ms=6000",
        "streams.heartbeat.interval.ms=1500"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

}
