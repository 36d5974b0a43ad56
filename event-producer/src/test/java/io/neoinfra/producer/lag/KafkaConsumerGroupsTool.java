package io.neoinfra.producer.lag;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Kafka's own {@code kafka-consumer-groups --describe} (ConsumerGroupCommand from the kafka-tools artifact) in a
 * separate JVM, as an operator would, and parses its table.
 */
final class KafkaConsumerGroupsTool {

  /** One row of the tool's table; {@code null} where it prints "-". */
  record Row(String group, String topic, int partition, Long currentOffset, Long logEndOffset, Long lag,
      String consumerId, String host, String clientId) {}

  /** The tool's rows plus its raw output, for assertion messages. */
  record Result(int exitCode, List<Row> rows, String output) {}

  private KafkaConsumerGroupsTool() {}

  static Result describe(String bootstrapServers, String group, Path workDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    File out = workDir.resolve("kafka-consumer-groups.out").toFile();
    File err = workDir.resolve("kafka-consumer-groups.err").toFile();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
        "--bootstrap-server", bootstrapServers, "--describe", "--group", group)
        .redirectOutput(out)
        .redirectError(err)
        .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kafka-consumer-groups did not finish within 120 s");
    }
    String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
    String errors = Files.readString(err.toPath(), StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    for (String line : output.lines().toList()) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 6 && cells[0].equals(group)) {
        rows.add(new Row(cells[0], cells[1], Integer.parseInt(cells[2]), number(cells[3]), number(cells[4]),
            number(cells[5]), cell(cells, 6), cell(cells, 7), cell(cells, 8)));
      }
    }
    return new Result(process.exitValue(), rows, output + errors);
  }

  private static String cell(String[] cells, int index) {
    return index >= cells.length || "-".equals(cells[index]) ? null : cells[index];
  }

  private static Long number(String cell) {
    return "-".equals(cell) ? null : Long.valueOf(cell);
  }
}
