package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.deadletter.DeadLetterFixture;
import io.neoinfra.producer.deadletter.DeadLetterFixture.Spec;
import io.neoinfra.producer.deadletter.DeadLetterId;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The dlt and lag commands, run as ./neo runs them, on the embedded broker. */
class OperationsCliIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final ObjectMapper MAPPER = NeoJson.newMapper();
  private static final Instant FAILED_AT = Instant.parse("2026-11-25T09:00:00Z");

  private final DeadLetterFixture fixture = new DeadLetterFixture(KAFKA);
  private Topics topics;
  private String source;
  private List<DeadLetterId> ids;

  @BeforeEach
  void deadLetterThree() throws Exception {
    topics = new Topics(KafkaTestBroker.uniqueName("ops") + ".");
    source = topics.lifecycle(Priority.HIGH);
    KAFKA.createTopics(1, source, topics.deadLetters());
    ids = fixture.deadLetter(topics.deadLetters(), List.of(
        new Spec("db-1", source, 0, 10, "io.neoinfra.database.created", "schema_invalid", "db-1", null, FAILED_AT),
        new Spec("db-2", source, 0, 11, "io.neoinfra.database.created", "connection_refused", "db-2", "exec-9",
            FAILED_AT.plusSeconds(60)),
        new Spec("db-3", null, 0, 12, "io.neoinfra.tenant.created", "schema_invalid", "db-3", null,
            FAILED_AT.plusSeconds(120))));
  }

  private Run dlt(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "dlt";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--bootstrap-server";
    all[args.length + 2] = KAFKA.bootstrapServers();
    all[args.length + 3] = "--topic-prefix";
    all[args.length + 4] = topics.prefix();
    return run(all);
  }

  @Test
  void listPrintsATableOfDecodedHeadersAndFiltersByShortEventType() {
    Run table = dlt("list");
    assertThat(table.exitCode).as(table.err).isZero();
    assertThat(table.out).contains("PARTITION", "ERROR-CLASS", "schema_invalid", "connection_refused",
        source + "/0/10", "3 dead letter(s)");

    Run filtered = dlt("list", "--event-type", "database.created", "--error-class", "schema_invalid", "--json");
    assertThat(filtered.exitCode).as(filtered.err).isZero();
    List<String> lines = filtered.out.lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode line = json(lines.get(0));
    assertThat(line.get("key").asText()).isEqualTo("db-1");
    assertThat(line.get("attempts").asInt()).isEqualTo(4);
    assertThat(line.get("last_failure_at").asText()).isEqualTo(FAILED_AT.toString());
    assertThat(line.get("source_offset").asLong()).isEqualTo(10);
  }

  @Test
  void showPrintsTheValueAsPrettyJsonAndEveryHeader() {
    Run show = dlt("show", "--partition", "0", "--offset", String.valueOf(ids.get(1).offset()));

    assertThat(show.exitCode).as(show.err).isZero();
    assertThat(show.out).contains("error_class: connection_refused", "execution_id: exec-9", "neo-dlt-attempts: 4",
        "ce_type: io.neoinfra.database.created", "\"database_name\" : \"db-2\"");

    Run missing = dlt("show", "--partition", "0", "--offset", "999");
    assertThat(missing.exitCode).isEqualTo(CliErrors.NOT_FOUND);
    assertThat(missing.err).contains("not found", topics.deadLetters() + "/0/999");
  }

  @Test
  void replayWithoutASelectionIsAUsageError() {
    Run replay = dlt("replay");

    assertThat(replay.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(replay.err).contains("no selection");
  }

  @Test
  void replayDryRunThenReplayThenReplayAgainReportsEachStep() {
    Run dry = dlt("replay", "--all", "--dry-run");
    assertThat(dry.exitCode).isEqualTo(CliErrors.REFUSED); // db-3 has no source topic
    assertThat(dry.out).contains("would replay 0:" + ids.get(0).offset() + " -> " + source,
        "refused 0:" + ids.get(2).offset() + ": no_source_topic", "dry run: would replay 2");
    assertThat(fixture.readAll(source)).isEmpty();

    Run replay = dlt("replay", "--offsets", "0:" + ids.get(0).offset() + ",0:" + ids.get(1).offset(),
        "--rate", "5", "--requested-by", "carol", "--json");
    assertThat(replay.exitCode).as(replay.err).isZero();
    JsonNode report = json(replay.out);
    assertThat(report.get("replayed").asInt()).isEqualTo(2);
    assertThat(report.get("outcomes").get(0).get("target_topic").asText()).isEqualTo(source);
    assertThat(fixture.readAll(source, 2)).hasSize(2);

    Run again = dlt("replay", "--error-class", "schema_invalid,connection_refused", "--database-id", "db-1,db-2");
    assertThat(again.exitCode).as(again.err).isZero();
    assertThat(again.out).contains("already replayed 0:" + ids.get(0).offset(), "by carol", "replayed 0, already replayed 2");
    assertThat(fixture.readAll(source, 2)).hasSize(2);
  }

  @Test
  void lagPrintsTheDescribeColumnsTimeLagAndTheVerdict() throws Exception {
    String group = KafkaTestBroker.uniqueName("ops-group");
    try (var producer = new KafkaProducer<String, byte[]>(KAFKA.producerProps())) {
      for (int i = 0; i < 7; i++) {
        producer.send(new ProducerRecord<>(source, 0, FAILED_AT.toEpochMilli(), "k", new byte[1]));
      }
      producer.flush();
    }
    try (Admin admin = KAFKA.admin()) {
      admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(source, 0), new OffsetAndMetadata(3)))
          .all().get(30, TimeUnit.SECONDS);
    }

    Run table = run("lag", "--bootstrap-server", KAFKA.bootstrapServers(), "--group", group);
    assertThat(table.exitCode).as(table.err).isEqualTo(LagCommand.NOT_OK);
    assertThat(table.out).contains("Group " + group + ": STOPPED", "CURRENT-OFFSET", "LOG-END-OFFSET", "TIME-LAG",
        "NO_ACTIVE_MEMBERS");

    Run json = run("lag", "--bootstrap-server", KAFKA.bootstrapServers(), "--group", group, "--samples", "2",
        "--interval", "100ms", "--json");
    JsonNode node = json(json.out);
    assertThat(node.get("status").asText()).isEqualTo("STOPPED");
    assertThat(node.get("samples").asInt()).isEqualTo(2);
    JsonNode partition = node.get("partitions").get(0);
    assertThat(partition.get("current_offset").asLong()).isEqualTo(3);
    assertThat(partition.get("log_end_offset").asLong()).isEqualTo(7);
    assertThat(partition.get("lag").asLong()).isEqualTo(4);
    assertThat(partition.get("oldest_unconsumed_at").asText()).isEqualTo(FAILED_AT.toString());
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NeoEventsCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
