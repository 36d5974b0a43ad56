package io.neoinfra.gateway.databases;

import io.neoinfra.gateway.publishing.KafkaSettings;
import io.neoinfra.gateway.state.StateSettings;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The live health check's Kafka clients: a producer of requests and a reader of the workers' answers. */
@Configuration(proxyBeanMethods = false)
class HealthCheckConfiguration {

  @Bean
  HealthAnswers healthAnswers(KafkaSettings kafka, KafkaClientSettings client, Topics topics, Contracts contracts,
      StateSettings state) {
    Map<String, Object> props = client.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-health");
    // No group: every replica reads every answer and keeps the ones it waits for.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    return new HealthAnswers(new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer()),
        topics.healthResults(), contracts.healthResults().codec(), state.topicRetry());
  }

  @Bean
  ConnectionHealthCheck connectionHealthCheck(KafkaSettings kafka, KafkaClientSettings client, Topics topics,
      Contracts contracts, HealthAnswers answers, ConnectionSettings settings, Clock clock) {
    Map<String, Object> props = client.clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-health");
    int timeout = (int) settings.healthTimeout().toMillis();
    // A check waits for its answer, never longer than the health timeout: no batching delay, no longer block.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    props.put(ProducerConfig.RETRIES_CONFIG, 0);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    return new ConnectionHealthCheck(producer, topics.healthRequests(), contracts.healthRequests().codec(), answers,
        settings, clock);
  }
}
