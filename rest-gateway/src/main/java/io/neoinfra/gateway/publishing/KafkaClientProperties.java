package io.neoinfra.gateway.publishing;

import io.neoinfra.schemas.kafka.KafkaClientSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform's one Kafka client configuration, bound at {@code neo.kafka}: every key after the prefix is a Kafka
 * client property ({@code neo.kafka.bootstrap.servers}, {@code neo.kafka.security.protocol}) or
 * {@code neo.kafka.config.file}; Spring's relaxed binding maps {@code NEO_KAFKA_SASL_JAAS_CONFIG} to
 * {@code sasl.jaas.config}, the same mapping {@link KafkaClientSettings} applies in the other components.
 *
 * @param kafka client property names to values
 */
@ConfigurationProperties("neo")
public record KafkaClientProperties(Map<String, String> kafka) {

  /** Where the gateway looks for Kafka when nothing says otherwise. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  public KafkaClientProperties {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /** @throws io.neoinfra.schemas.kafka.InvalidKafkaClientSettingsException naming every unknown property */
  public KafkaClientSettings settings() {
    return KafkaClientSettings.fromKeys(kafka).withDefaultBootstrapServers(DEFAULT_BOOTSTRAP_SERVERS);
  }
}
