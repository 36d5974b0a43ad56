package io.neoinfra.gateway.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class KafkaClientPropertiesTest {

  @Test
  void bindsTheSameEnvironmentVariablesAsEveryOtherComponent() {
    KafkaClientProperties bound = bind(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
            "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
            "NEO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "NEO_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;")));

    assertThat(bound.settings().clientProperties()).containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
    assertThat(bound.settings().toString()).contains("sasl.jaas.config=[hidden]");
  }

  @Test
  void bindsSpringPropertiesNamedAfterTheClientProperty() {
    KafkaClientProperties bound = bind(new MapPropertySource("args", Map.of(
        "neo.kafka.bootstrap.servers", "kafka:9093", "neo.kafka.ssl.truststore.type", "PKCS12")));

    assertThat(bound.settings().clientProperties()).containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("ssl.truststore.type", "PKCS12");
  }

  @Test
  void defaultsToTheLocalBrokerWhenNothingIsSet() {
    assertThat(new KafkaClientProperties(null).settings().bootstrapServers()).contains("127.0.0.1:9092");
  }

  private static KafkaClientProperties bind(org.springframework.core.env.PropertySource<?> source) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().forEach(s -> environment.getPropertySources().remove(s.getName()));
    environment.getPropertySources().addFirst(source);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("neo", KafkaClientProperties.class);
  }
}
