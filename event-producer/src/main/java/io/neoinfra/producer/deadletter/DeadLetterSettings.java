package io.neoinfra.producer.deadletter;

import io.neoinfra.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of {@link DeadLetters}, validated once.
 *
 * @param bootstrapServers Kafka bootstrap servers; required
 * @param topics topic names (prefix default {@code neo.})
 * @param clientId Kafka client id stem (default {@value #DEFAULT_CLIENT_ID})
 * @param kafkaProperties extra client settings such as security
 * @param timeout how long to wait for Kafka without progress (default 30 s, at least 1 s)
 */
public record DeadLetterSettings(String bootstrapServers, Topics topics, String clientId,
    Map<String, Object> kafkaProperties, Duration timeout) {

  public static final String DEFAULT_CLIENT_ID = "neo-dead-letters";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public DeadLetterSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    Objects.requireNonNull(topics, "topics");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
    if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("timeout must be at least 1s: " + timeout);
    }
  }
}
