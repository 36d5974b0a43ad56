package io.neoinfra.gateway.publishing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches Kafka, for publishing and for its read view.
 *
 * @param bootstrapServers the brokers (default {@code 127.0.0.1:9092})
 * @param topicPrefix the prefix of every topic name (default {@code neo.})
 * @param clientId the Kafka client id and the CloudEvents source's name (default {@code rest-gateway})
 * @param source the CloudEvents {@code ce_source} of published events (default {@code /rest-gateway})
 * @param properties extra Kafka client settings (security.protocol, sasl.*, ssl.*), applied to producer and consumer
 * @param publishTimeout how long a request waits for the broker's acknowledgement before 503 (default 10s)
 */
@Validated
@ConfigurationProperties("neo.gateway.kafka")
public record KafkaSettings(
    @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
    @DefaultValue("neo.") @NotNull String topicPrefix,
    @DefaultValue("rest-gateway") @NotBlank String clientId,
    @DefaultValue("/rest-gateway") @NotNull URI source,
    Map<String, String> properties,
    @DefaultValue("PT10S") @NotNull Duration publishTimeout) {

  public KafkaSettings {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
