package io.neoinfra.gateway.state;

import io.neoinfra.gateway.publishing.KafkaSettings;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StateConfiguration {

  @Bean
  ExecutionStore executionStore(Topics topics, Contracts contracts, StateSettings settings) {
    return new ExecutionStore(topics.executions(), contracts.executions().codec(), settings.pendingTtl());
  }

  @Bean
  KeyedStore<DatabaseRecord> databaseStore(Topics topics, Contracts contracts, StateSettings settings) {
    return new KeyedStore<>(topics.databases(), contracts.databases().codec(), DatabaseRecord::databaseId,
        settings.pendingTtl());
  }

  @Bean
  KeyedStore<TenantRecord> tenantStore(Topics topics, Contracts contracts, StateSettings settings) {
    return new KeyedStore<>(topics.tenants(), contracts.tenants().codec(), TenantRecord::tenantId,
        settings.pendingTtl());
  }

  @Bean
  DeadLetterStore deadLetterStore(Topics topics, StateSettings settings) {
    return new DeadLetterStore(topics.deadLetters(), settings.deadLetterCapacity());
  }

  @Bean
  KafkaStateView stateView(KafkaSettings kafka, KafkaClientSettings client, StateSettings settings, ExecutionStore executions,
      KeyedStore<DatabaseRecord> databases, KeyedStore<TenantRecord> tenants, DeadLetterStore deadLetters) {
    Map<String, Object> props = client.clientProperties();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.clientId() + "-view");
    // No group: every replica reads every partition from the beginning; only committed (exactly-once) records.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    return new KafkaStateView(consumer, List.of(executions, databases, tenants, deadLetters), settings);
  }
}
