package io.neoinfra.producer.cli;

import io.neoinfra.schemas.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The connection options every command shares, named as in Kafka's own command-line tools. Without them, the
 * commands read the platform's one Kafka configuration ({@link KafkaClientSettings}: {@code NEO_KAFKA_BOOTSTRAP_SERVERS},
 * {@code NEO_KAFKA_CONFIG_FILE}, {@code NEO_KAFKA_<KEY>}); the options override it.
 */
final class KafkaConnectionOptions {

  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $NEO_KAFKA_BOOTSTRAP_SERVERS, bootstrap.servers of "
          + "$NEO_KAFKA_CONFIG_FILE, or " + DEFAULT_BOOTSTRAP_SERVERS + ").")
  String bootstrapServerOption;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "A properties file with Kafka client settings (security.protocol, sasl.*, ssl.*), as Kafka's "
          + "tools take it; on top of $NEO_KAFKA_CONFIG_FILE and $NEO_KAFKA_<KEY>.")
  Path commandConfig;

  @Option(names = "--topic-prefix", defaultValue = "${env:NEO_TOPIC_PREFIX:-neo.}",
      description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  /** The environment's settings, then {@code --command-config}, then {@code --bootstrap-server}. */
  KafkaClientSettings settings() throws IOException {
    KafkaClientSettings settings = KafkaClientSettings.fromSystem();
    if (commandConfig != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(commandConfig)) {
        file.load(reader);
      }
      Map<String, Object> props = new HashMap<>();
      file.forEach((k, v) -> props.put(k.toString(), v));
      settings = settings.withProperties(props);
    }
    if (bootstrapServerOption != null && !bootstrapServerOption.isBlank()) {
      settings = settings.withBootstrapServers(bootstrapServerOption);
    }
    return settings.withDefaultBootstrapServers(DEFAULT_BOOTSTRAP_SERVERS);
  }

  String bootstrapServers() throws IOException {
    return settings().requireBootstrapServers();
  }

  /** Every client property, {@code bootstrap.servers} included; passwords as Kafka's {@code Password}. */
  Map<String, Object> clientProperties() throws IOException {
    return settings().clientProperties();
  }
}
