package io.neoinfra.producer.lag;

import io.neoinfra.schemas.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of the lag reader and monitor, validated once.
 *
 * @param bootstrapServers Kafka bootstrap servers; required
 * @param clientId Kafka client id stem (default {@value #DEFAULT_CLIENT_ID})
 * @param kafkaProperties extra client settings such as security
 * @param timeout how long one Kafka request may take (default 30 s, at least 1 s)
 * @param interval time between two samples of the monitor (default 30 s, at least 100 ms)
 * @param windowSize samples per window (default 10, at least 2: movement needs two points)
 */
public record LagSettings(String bootstrapServers, String clientId, Map<String, Object> kafkaProperties,
    Duration timeout, Duration interval, int windowSize) {

  public static final String DEFAULT_CLIENT_ID = "neo-lag";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_WINDOW_SIZE = 10;

  public LagSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    kafkaProperties = Map.copyOf(kafkaProperties);
    if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("timeout must be at least 1s: " + timeout);
    }
    if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("interval must be at least 100ms: " + interval);
    }
    if (windowSize < 2) {
      throw new IllegalArgumentException("windowSize must be at least 2 (movement needs two samples): " + windowSize);
    }
  }

  public static LagSettings of(String bootstrapServers) {
    return new LagSettings(bootstrapServers, DEFAULT_CLIENT_ID, Map.of(), DEFAULT_TIMEOUT, DEFAULT_INTERVAL,
        DEFAULT_WINDOW_SIZE);
  }

  /** The cluster and its client properties as every component reads them ({@link KafkaClientSettings}). */
  public static LagSettings of(KafkaClientSettings kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.remove(org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return of(kafka.requireBootstrapServers()).withKafkaProperties(props);
  }

  public LagSettings withKafkaProperties(Map<String, Object> properties) {
    return new LagSettings(bootstrapServers, clientId, properties, timeout, interval, windowSize);
  }

  public LagSettings withWindow(Duration newInterval, int newWindowSize) {
    return new LagSettings(bootstrapServers, clientId, kafkaProperties, timeout, newInterval, newWindowSize);
  }

  /**
   * How far back the window reaches: one interval more than the window, plus one timeout for the time sampling itself
   * takes, so that the last {@code windowSize} samples stay in it.
   */
  public Duration windowAge() {
    return interval.multipliedBy(windowSize + 1L).plus(timeout);
  }
}
