package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.gateway.security.Permission;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lag endpoint against Kafka's own {@code kafka-consumer-groups --describe} (kafka-tools' ConsumerGroupCommand,
 * run in its own JVM as an operator would) on a group with known lag, and the same figures as Prometheus gauges.
 */
class ConsumerLagIT extends GatewayTestBase {

  private static final String LAG = "/api/v1/operations/consumer-lag";

  @TempDir
  Path dir;

  @Test
  void lagEndpointAgreesWithKafkaConsumerGroupsTool() throws Exception {
    // given: 10, 4 and 7 records on three partitions, and a group that committed 3, 4 and 2 (lag 7, 0, 5)
    String topic = ENV.topics.prefix() + KafkaTestBroker.uniqueName("lag-probe");
    ENV.broker.createTopics(3, topic);
    int[] records = {10, 4, 7};
    long[] committed = {3, 4, 2};
    try (var producer = new KafkaProducer<String, byte[]>(ENV.broker.producerProps())) {
      for (int p = 0; p < 3; p++) {
        for (int i = 0; i < records[p]; i++) {
          producer.send(new ProducerRecord<>(topic, p, "k" + i, "v".getBytes(StandardCharsets.UTF_8)));
        }
      }
      producer.flush();
    }
    String group = KafkaTestBroker.uniqueName("lag-it");
    try (var consumer = new KafkaConsumer<String, byte[]>(ENV.broker.consumerProps(group))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (int p = 0; p < 3; p++) {
        offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(committed[p]));
      }
      consumer.commitSync(offsets);
    }
    String reader = token("lag", Permission.MIGRATIONS_READ);

    // when: the gateway has sampled the group, and Kafka's tool describes it
    JsonNode ours = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> groupOf(api.get(LAG + "?group=" + group, reader)),
            g -> g != null && g.path("partitions").size() == 3);
    List<String[]> theirs = describe(group);

    // then: per partition the same committed offset, log-end offset and LAG
    assertThat(theirs).hasSize(3);
    for (String[] row : theirs) {
      int partition = Integer.parseInt(row[0]);
      JsonNode mine = ours.path("partitions").get(partition);
      assertThat(mine.path("partition").asInt()).isEqualTo(partition);
      assertThat(mine.path("committed_offset").asText()).as("CURRENT-OFFSET of %d", partition).isEqualTo(row[1]);
      assertThat(mine.path("log_end_offset").asText()).as("LOG-END-OFFSET of %d", partition).isEqualTo(row[2]);
      assertThat(mine.path("lag").asText()).as("LAG of %d", partition).isEqualTo(row[3]);
    }
    assertThat(ours.path("partitions").findValuesAsText("lag")).containsExactly("7", "0", "5");
    assertThat(ours.path("total_lag").asLong()).isEqualTo(12);
    // nobody consumes while there is lag: Burrow's STOPPED
    assertThat(ours.path("members").asInt()).isZero();
    assertThat(ours.path("status").asText()).isEqualTo("STOPPED");

    // and the same figures are gauges, with the group's status as a 0/1 series per status (the gauges are replaced
    // once a sample of every group is done, which may end after the endpoint first showed this group)
    String lagRow = "neo_consumer_lag_records{group=\"" + group + "\",partition=\"0\",topic=\"" + topic + "\"} 7.0";
    String metrics = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> management.get("/actuator/prometheus", null).body(), body -> body.contains(lagRow));
    assertThat(metrics).contains("neo_consumer_group_status{group=\"" + group + "\",status=\"STOPPED\"} 1.0");
    assertThat(metrics).contains("neo_consumer_group_status{group=\"" + group + "\",status=\"OK\"} 0.0");
    assertThat(metrics).contains("neo_events_queue_size{priority=\"critical\"}");
  }

  @Test
  void unknownGroupIsNotFoundAndMalformedGroupIsInvalid() {
    String reader = token("lag", Permission.MIGRATIONS_READ);
    assertThat(api.get(LAG + "?group=" + KafkaTestBroker.uniqueName("nobody"), reader).status()).isEqualTo(404);
    var invalid = api.get(LAG + "?group=a%20b", reader);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("group");
  }

  private static JsonNode groupOf(Api.Response response) {
    return response.status() == 200 ? response.json().path("groups").get(0) : null;
  }

  /** Rows of {@code kafka-consumer-groups --describe}: partition, CURRENT-OFFSET, LOG-END-OFFSET, LAG by header. */
  private List<String[]> describe(String group) throws Exception {
    Path out = dir.resolve("kafka-consumer-groups.out");
    Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
        "--bootstrap-server", ENV.broker.bootstrapServers(), "--describe", "--group", group)
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(tool.waitFor(120, TimeUnit.SECONDS)).as("kafka-consumer-groups finished").isTrue();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(tool.exitValue()).as(String.join("\n", lines)).isZero();
    List<String> header = null;
    List<String[]> rows = new java.util.ArrayList<>();
    for (String line : lines) {
      List<String> cells = List.of(line.trim().split("\\s+"));
      if (cells.contains("LAG") && cells.contains("PARTITION")) {
        header = cells;
      } else if (header != null && cells.size() >= header.size() - 3 && cells.get(0).equals(group)) {
        rows.add(new String[] {cells.get(header.indexOf("PARTITION")), cells.get(header.indexOf("CURRENT-OFFSET")),
            cells.get(header.indexOf("LOG-END-OFFSET")), cells.get(header.indexOf("LAG"))});
      }
    }
    assertThat(header).as("the tool's table header in:\n" + String.join("\n", lines)).isNotNull();
    rows.sort(java.util.Comparator.comparingInt(r -> Integer.parseInt(r[0])));
    return rows;
  }
}
