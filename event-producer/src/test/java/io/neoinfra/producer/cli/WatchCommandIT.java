package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WatchCommandIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final Contracts contracts = new Contracts();
  private Topics topics;

  @BeforeEach
  void createTopics() {
    topics = new Topics(KafkaTestBroker.uniqueName("watch") + ".");
    KAFKA.createTopics(3, Map.of("cleanup.policy", "compact"), topics.executions());
  }

  @Test
  void followsAnExecutionToCompletionAndExitsZero() throws Exception {
    publish(view("exec-ok", ExecutionStatus.RUNNING, 50, target("a", TargetStatus.SUCCEEDED, null),
        target("b", TargetStatus.RUNNING, null)));
    publish(view("exec-ok", ExecutionStatus.COMPLETED, 100, target("a", TargetStatus.SUCCEEDED, null),
        target("b", TargetStatus.SUCCEEDED, null)));

    Run run = watch("exec-ok");

    assertThat(run.exitCode).isEqualTo(WatchCommand.COMPLETED);
    assertThat(run.out).contains("[###############---------------]  50% RUNNING")
        .contains("100% COMPLETED", "execution exec-ok COMPLETED", "2 succeeded, 0 failed");
  }

  @Test
  void reportsEachFailureOnceAndExitsNonZeroOnFailed() throws Exception {
    TaskError error = new TaskError(FailureKind.SQL_ERROR, "ERROR: syntax error at or near \"TABEL\"",
        "V2__broken.sql", 3, "42601");
    publish(view("exec-bad", ExecutionStatus.RUNNING, 50, target("a", TargetStatus.FAILED, error),
        target("b", TargetStatus.RUNNING, null)));
    publish(view("exec-bad", ExecutionStatus.FAILED, 100, target("a", TargetStatus.FAILED, error),
        target("b", TargetStatus.SUCCEEDED, null)));

    Run run = watch("exec-bad");

    assertThat(run.exitCode).isEqualTo(WatchCommand.FAILED);
    assertThat(run.out).containsOnlyOnce("✗ a: sql_error in V2__broken.sql:3: ERROR: syntax error");
    assertThat(run.out).contains("execution exec-bad FAILED", "1 failed");
  }

  @Test
  void saysWhenTheExecutionIsNeverSeen() {
    Run run = watch("exec-missing", "--timeout", "PT2S");

    assertThat(run.exitCode).isEqualTo(WatchCommand.NOT_FOUND);
    assertThat(run.err).contains("exec-missing was not seen");
  }

  private void publish(ExecutionView view) throws Exception {
    try (KafkaProducer<String, ExecutionView> producer = new KafkaProducer<>(KAFKA.producerProps(),
        new org.apache.kafka.common.serialization.StringSerializer(), contracts.executions().serializer())) {
      producer.send(new ProducerRecord<>(topics.executions(), view.id(), view)).get(30, TimeUnit.SECONDS);
    }
  }

  private static ExecutionView view(String id, ExecutionStatus status, int percent, TargetState... targets) {
    Map<TargetStatus, Integer> counts = new java.util.EnumMap<>(TargetStatus.class);
    for (TargetState t : targets) {
      counts.merge(t.status(), 1, Integer::sum);
    }
    return new ExecutionView(id, ExecutionKind.MIGRATION, Scope.TENANT, MigrationOperation.MIGRATE, status, false,
        Priority.NORMAL, null, null, T0, T0, status.terminal() ? T0.plusSeconds(3) : null, counts, percent,
        List.of(targets), new ExecutionMetadata(TriggeredBy.API, null, null), "alice", null);
  }

  private static TargetState target(String id, TargetStatus status, TaskError error) {
    return new TargetState(id, id, null, status, 1, "1", null, List.of(), List.of(), error, T0);
  }

  private Run watch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NeoEventsCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> full = new java.util.ArrayList<>(List.of("watch", "--bootstrap-server", KAFKA.bootstrapServers(),
        "--topic-prefix", topics.prefix()));
    full.addAll(List.of(args));
    if (!full.contains("--timeout")) {
      full.addAll(List.of("--timeout", "PT60S"));
    }
    return new Run(cli.execute(full.toArray(String[]::new)), out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
