package io.neoinfra.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"s3cret-pw\";";

  @TempDir
  Path dir;

  @Test
  void mapsEachEnvironmentVariableToTheClientPropertyOfTheSameName() {
    KafkaClientSettings settings = KafkaClientSettings.load(Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
        "NEO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "NEO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"), Map.of());

    assertThat(settings.clientProperties()).containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void readsThePropertiesFileAndLetsSingleVariablesOverrideIt() throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=from-file:9093\nsecurity.protocol=SSL\nssl.truststore.type=PKCS12\n");

    KafkaClientSettings settings = KafkaClientSettings.load(Map.of(
        "NEO_KAFKA_CONFIG_FILE", file.toString(), "NEO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), Map.of());

    assertThat(settings.clientProperties()).containsEntry("bootstrap.servers", "from-file:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.type", "PKCS12");
  }

  @Test
  void systemPropertiesOverrideEnvironmentVariables() {
    KafkaClientSettings settings = KafkaClientSettings.load(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "env:9092"),
        Map.of("neo.kafka.bootstrap.servers", "prop:9092", "neo.other.setting", "ignored"));

    assertThat(settings.bootstrapServers()).contains("prop:9092");
  }

  @Test
  void refusesANameThatIsNoKafkaClientProperty() {
    assertThatThrownBy(() -> KafkaClientSettings.load(Map.of("NEO_KAFKA_SECURITY_PROTOCOLL", "SASL_SSL"), Map.of()))
        .isInstanceOfSatisfying(InvalidKafkaClientSettingsException.class, e -> assertThat(e.problems())
            .containsExactly(new KafkaSettingsProblem.UnknownProperty(
                "environment variable NEO_KAFKA_SECURITY_PROTOCOLL", "security.protocoll")));
  }

  @Test
  void refusesAMissingPropertiesFile() {
    Path missing = dir.resolve("absent.properties");

    assertThatThrownBy(() -> KafkaClientSettings.load(Map.of("NEO_KAFKA_CONFIG_FILE", missing.toString()), Map.of()))
        .isInstanceOfSatisfying(InvalidKafkaClientSettingsException.class, e -> assertThat(e.problems())
            .singleElement().isInstanceOf(KafkaSettingsProblem.UnreadableConfigFile.class));
  }

  @Test
  void keepsPasswordPropertiesAsKafkaPasswordsSoTheyNeverPrint() {
    KafkaClientSettings settings = KafkaClientSettings.load(Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093", "NEO_KAFKA_SASL_JAAS_CONFIG", JAAS,
        "NEO_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-pw"), Map.of());

    assertThat(settings.clientProperties().get("sasl.jaas.config")).isEqualTo(new Password(JAAS));
    assertThat(settings.toString()).contains("sasl.jaas.config=[hidden]").doesNotContain("s3cret-pw")
        .doesNotContain("trust-pw");
  }

  @Test
  void reportsMissingBootstrapServersOnlyWhenNoDefaultApplies() {
    KafkaClientSettings none = KafkaClientSettings.load(Map.of(), Map.of());

    assertThat(none.problems()).containsExactly(new KafkaSettingsProblem.MissingBootstrapServers());
    assertThat(none.withDefaultBootstrapServers("127.0.0.1:9092").problems()).isEmpty();
  }

  @Test
  void environmentNamesAndPropertyNamesMapBothWays() {
    assertThat(KafkaClientSettings.environmentNameOf("sasl.jaas.config")).isEqualTo("NEO_KAFKA_SASL_JAAS_CONFIG");
    assertThat(KafkaClientSettings.keyOfEnvironmentName("NEO_KAFKA_SSL_TRUSTSTORE_LOCATION"))
        .isEqualTo("ssl.truststore.location");
  }

  @Test
  void noKafkaClientPropertyContainsAnUnderscoreSoTheMappingIsExact() {
    assertThat(KafkaClientSettings.knownKeys()).noneMatch(key -> key.contains("_"));
  }
}
