package io.neoinfra.gateway.publishing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway publishes and reads on Kafka; how it reaches the cluster (servers, security) is the platform's one
 * Kafka client configuration, {@link KafkaClientProperties}.
 *
 * @param topicPrefix the prefix of every topic name (default {@code neo.})
 * @param clientId the Kafka client id and the CloudEvents source's name (default {@code rest-gateway})
 * @param source the CloudEvents {@code ce_source} of published events (default {@code /rest-gateway})
 * @param publishTimeout how long a request waits for the broker's acknowledgement before 503 (default 10s)
 */
@Validated
@ConfigurationProperties("neo.gateway.kafka")
public record KafkaSettings(
    @DefaultValue("neo.") @NotNull String topicPrefix,
    @DefaultValue("rest-gateway") @NotBlank String clientId,
    @DefaultValue("/rest-gateway") @NotNull URI source,
    @DefaultValue("PT10S") @NotNull Duration publishTimeout) {
}
