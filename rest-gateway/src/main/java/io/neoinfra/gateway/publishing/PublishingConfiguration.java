package io.neoinfra.gateway.publishing;

import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.crypto.CredentialCipher;
import io.neoinfra.schemas.crypto.SecretKeyRing;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

  @Bean
  SecretKeyRing credentialKeys(CredentialSettings settings) {
    return SecretKeyRing.parse(settings.keys(), settings.activeKeyId());
  }

  @Bean(destroyMethod = "close")
  KafkaEventPublishing eventPublishing(KafkaSettings kafka, Contracts contracts, SecretKeyRing keys, Topics topics) {
    Map<String, Object> props = new HashMap<>(kafka.properties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-publisher");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A request waits for the acknowledgement; never let the producer block a servlet thread on metadata forever.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafka.publishTimeout().toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(kafka.publishTimeout().toMillis(), 1000));
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(kafka.publishTimeout().toMillis(), 30_000));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    var codec = new LifecycleEventCodec(contracts.mapper(), contracts.validator());
    return new KafkaEventPublishing(producer, codec, new CredentialCipher(keys), topics, kafka.source());
  }
}
