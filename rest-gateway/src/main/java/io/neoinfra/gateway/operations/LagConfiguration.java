package io.neoinfra.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.neoinfra.gateway.publishing.KafkaSettings;
import io.neoinfra.producer.lag.LagMonitor;
import io.neoinfra.producer.lag.LagSettings;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.topics.Topics;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LagConfiguration {

  /** The event-producer library's monitor, the same code as {@code ./neo lag}; sampled by {@link LagSampler}. */
  @Bean(destroyMethod = "close")
  LagMonitor lagMonitor(KafkaSettings kafka, KafkaClientSettings client, LagProperties lag, Clock clock) {
    LagSettings of = LagSettings.of(client);
    LagSettings settings = new LagSettings(of.bootstrapServers(), kafka.clientId() + "-lag", of.kafkaProperties(),
        lag.timeout(), lag.interval(), lag.windowSize());
    return new LagMonitor(settings, lag.groups(), clock);
  }

  @Bean(initMethod = "start", destroyMethod = "close")
  LagSampler lagSampler(LagMonitor monitor, LagProperties lag, Topics topics, MeterRegistry registry) {
    return new LagSampler(monitor, lag, new LagMetrics(registry, topics, lag.workerGroup()));
  }
}
