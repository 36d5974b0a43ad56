package io.neoinfra.producer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The connection options every command shares, named as in Kafka's own command-line tools. */
final class KafkaConnectionOptions {

  @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
      defaultValue = "${env:NEO_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
      description = "Kafka bootstrap servers (default: $NEO_KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "A properties file with Kafka client settings (security.protocol, sasl.*, ssl.*), as Kafka's tools take it.")
  Path commandConfig;

  @Option(names = "--topic-prefix", defaultValue = "${env:NEO_TOPIC_PREFIX:-neo.}",
      description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  Map<String, Object> clientProperties() throws IOException {
    Map<String, Object> props = new HashMap<>();
    if (commandConfig != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(commandConfig)) {
        file.load(reader);
      }
      file.forEach((k, v) -> props.put(k.toString(), v));
    }
    return props;
  }
}
