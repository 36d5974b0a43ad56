package io.neoinfra.gateway.publishing;

import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

  @Bean
  Contracts contracts() {
    return new Contracts();
  }

  @Bean
  Topics topics(KafkaSettings kafka) {
    return new Topics(kafka.topicPrefix());
  }

  /** Servers and client properties of every producer, consumer and admin client of the gateway. */
  @Bean
  KafkaClientSettings kafkaClientSettings(KafkaClientProperties properties) {
    return properties.settings();
  }

  /** Read once at startup: a missing file, or one holding private key material, stops the gateway with its reason. */
  @Bean
  PublicKeyset credentialPublicKeyset(CredentialSettings settings) {
    return PublicKeyset.read(settings.publicKeyset());
  }

  /** The event-producer library: validates, seals passwords, publishes CloudEvents on an idempotent producer. */
  @Bean(destroyMethod = "close")
  LifecycleEventPublisher lifecycleEventPublisher(KafkaSettings kafka, KafkaClientSettings client,
      PublicKeyset publicKeyset) {
    Map<String, Object> props = new HashMap<>();
    long timeout = kafka.publishTimeout().toMillis();
    // A request waits for its acknowledgement: no batching delay, and never block a servlet thread past the timeout.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, 30_000));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout, Math.min(timeout, 30_000)));
    return LifecycleEventPublisher.configure()
        .kafka(client)
        .clientId(kafka.clientId())
        .topicPrefix(kafka.topicPrefix())
        .source(kafka.source())
        .publicKeyset(publicKeyset)
        .kafkaProperties(props)
        .load();
  }
}
