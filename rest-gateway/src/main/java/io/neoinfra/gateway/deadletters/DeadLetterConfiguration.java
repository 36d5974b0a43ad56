package io.neoinfra.gateway.deadletters;

import io.neoinfra.gateway.publishing.KafkaSettings;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

  /** The event-producer library's dead-letter tools: the same code as {@code ./neo dlt show|replay}. */
  @Bean
  DeadLetters deadLetters(KafkaSettings kafka, KafkaClientSettings client, DeadLetterApiSettings settings,
      Clock clock) {
    return DeadLetters.configure()
        .kafka(client)
        .topicPrefix(kafka.topicPrefix())
        .clientId(kafka.clientId() + "-dlt")
        .timeout(settings.kafkaTimeout())
        .clock(clock)
        .load();
  }
}
