package io.neoinfra.schemas.kafka;

import java.nio.file.Path;

/** Why Kafka client settings cannot be used; {@link InvalidKafkaClientSettingsException} carries every one found. */
public sealed interface KafkaSettingsProblem {

  /** A human sentence naming the setting, never its value (values may be secrets). */
  String describe();

  /** No bootstrap servers, and the component has no default. */
  record MissingBootstrapServers() implements KafkaSettingsProblem {
    @Override
    public String describe() {
      return "Kafka bootstrap servers are required (NEO_KAFKA_BOOTSTRAP_SERVERS, or bootstrap.servers in "
          + "NEO_KAFKA_CONFIG_FILE)";
    }
  }

  /** A name that is no Kafka producer, consumer or admin client property: most likely a typo. */
  record UnknownProperty(String origin, String key) implements KafkaSettingsProblem {
    @Override
    public String describe() {
      return origin + " sets '" + key + "', which is no Kafka client property";
    }
  }

  /** The file named by {@code NEO_KAFKA_CONFIG_FILE} cannot be read. */
  record UnreadableConfigFile(Path file, String reason) implements KafkaSettingsProblem {
    @Override
    public String describe() {
      return "cannot read the Kafka client properties file " + file + ": " + reason;
    }
  }
}
