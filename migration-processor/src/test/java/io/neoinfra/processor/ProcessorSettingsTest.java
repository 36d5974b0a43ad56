package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.processor.retry.RetryTiers;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProcessorSettingsTest {

  @Test
  void defaultsAreValidOnceBootstrapServersAreGiven() {
    ProcessorSettings settings = ProcessorSettings.defaults("localhost:9092");

    assertThat(settings.problems()).isEmpty();
    assertThat(settings.defaultMigrationTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.topicPrefix()).isEqualTo("neo.");
  }

  @Test
  void validationReportsEveryBrokenRuleAtOnce() {
    ProcessorSettings bad = ProcessorSettings.defaults((String) null).withPartitions(0)
        .withRetries(List.of(Duration.ofSeconds(30), Duration.ofSeconds(5)), 0, 2.0);

    assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kafka bootstrap servers are required")
        .hasMessageContaining("partitions must be at least 1")
        .hasMessageContaining("retry tiers must increase: 30s then 5s")
        .hasMessageContaining("max-attempts must be at least 1")
        .hasMessageContaining("jitter must be between 0 and 1");
  }

  @Test
  void propertiesOverrideDefaultsWithReadableDurations() {
    Properties props = new Properties();
    props.setProperty("neo.kafka.bootstrap.servers", "b:9092");
    props.setProperty("neo.processor.retry-tiers", "1s, 2s,1m");
    props.setProperty("neo.processor.deadline-grace", "PT3S");
    props.setProperty("neo.processor.view-emit-interval", "0ms");
    props.setProperty("neo.processor.view-targets-per-interval", "250");
    props.setProperty("neo.processor.streams.session.timeout.ms", "6000");

    ProcessorSettings settings = ProcessorSettings.fromProperties(props).validate();

    assertThat(settings.retryTiers()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofMinutes(1));
    assertThat(settings.deadlineGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.viewEmitInterval()).isZero();
    assertThat(settings.viewTargetsPerInterval()).isEqualTo(250);
    assertThat(settings.streamsOverrides()).containsEntry("session.timeout.ms", "6000");
  }

  @Test
  void environmentVariablesNameTheSameSettingsAsProperties() {
    java.util.Map<String, String> environment = java.util.Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "b:9092",
        "NEO_PROCESSOR_METRICS_PORT", "0",
        "NEO_PROCESSOR_RETRY_TIERS", "1s,5s",
        "NEO_PROCESSOR_STREAMS_SESSION_TIMEOUT_MS", "6000",
        "PATH", "/usr/bin");
    Properties props = ProcessorSettings.environmentProperties(environment);

    ProcessorSettings settings = ProcessorSettings.fromProperties(props, environment).validate();

    assertThat(settings.bootstrapServers()).isEqualTo("b:9092");
    assertThat(settings.metricsPort()).isZero();
    assertThat(settings.retryTiers()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(settings.streamsOverrides()).isEmpty();
    assertThat(props.stringPropertyNames()).allMatch(name -> name.startsWith("neo.processor."));
  }

  @Test
  void appliesTheKafkaClientSettingsToKafkaStreams() {
    ProcessorSettings settings = ProcessorSettings.fromProperties(new Properties(), java.util.Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "b:9093", "NEO_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "NEO_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")).validate();

    Properties streams = MigrationProcessor.streamsProperties(settings,
        new io.neoinfra.processor.metrics.ProcessorMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

    assertThat(streams).containsEntry("bootstrap.servers", "b:9093").containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void metricsPortDefaultsToTheDeploymentsPortAndMustBeAPortZeroOrMinusOne() {
    assertThat(ProcessorSettings.defaults("b:9092").metricsPort()).isEqualTo(9401);
    assertThat(ProcessorSettings.defaults("b:9092").withMetricsPort(-1).problems()).isEmpty();

    assertThat(ProcessorSettings.defaults("b:9092").withMetricsPort(-2).problems())
        .singleElement().asString().contains("metrics-port");
  }

  @Test
  void retryTierNamesAreTheirLargestWholeUnit() {
    RetryTiers tiers = new RetryTiers(List.of(Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofMinutes(5),
        Duration.ofHours(2)), 5, 0.2);

    assertThat(tiers.names()).containsExactly("5s", "90s", "5m", "2h");
  }

  @Test
  void lastTierRepeatsAndTheLastAttemptHasNoTier() {
    RetryTiers tiers = new RetryTiers(List.of(Duration.ofSeconds(5), Duration.ofSeconds(30)), 4, 0);

    assertThat(tiers.tierAfter(1)).contains(Duration.ofSeconds(5));
    assertThat(tiers.tierAfter(2)).contains(Duration.ofSeconds(30));
    assertThat(tiers.tierAfter(3)).contains(Duration.ofSeconds(30));
    assertThat(tiers.tierAfter(4)).isEmpty();
  }

  @Test
  void jitterStaysWithinItsFractionAndIsTheSameOnReplay() {
    RetryTiers tiers = new RetryTiers(List.of(Duration.ofSeconds(10)), 3, 0.2);

    long first = tiers.dueAt(0, Duration.ofSeconds(10), "task-1", 1);

    assertThat(first).isBetween(10_000L, 12_000L);
    assertThat(tiers.dueAt(0, Duration.ofSeconds(10), "task-1", 1)).isEqualTo(first);
  }
}
