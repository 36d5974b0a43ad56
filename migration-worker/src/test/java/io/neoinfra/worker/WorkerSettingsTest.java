package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.testsupport.TestCertificates;
import io.neoinfra.schemas.connection.NetworkPolicy;
import io.neoinfra.schemas.crypto.InvalidKeysetException;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerSettingsTest {

  @Test
  void readsEveryNamedSettingAndDefaultsTheRest() {
    // given
    Map<String, String> env = Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_CONCURRENCY", "6",
        "NEO_WORKER_BUNDLE", "filesystem:/opt/bundle",
        "NEO_WORKER_DEFAULT_TIMEOUT_SECONDS", "120",
        "NEO_WORKER_CIRCUIT_OPEN_SECONDS", "10");

    // when
    WorkerSettings settings = WorkerSettings.from(env);

    // then
    assertThat(settings.concurrency()).isEqualTo(6);
    assertThat(settings.poolMaxSize()).isEqualTo(12);
    assertThat(settings.connectionBudget()).isEqualTo(32);
    assertThat(settings.defaultTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.circuit().openDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.topics().results()).isEqualTo("neo.migration.results");
    assertThat(settings.credentials().privateKeyset()).isEmpty();
    assertThat(settings.credentials().secretEnvPrefix()).isEqualTo("NEO_SECRET_");
    assertThat(settings.groupId()).isEqualTo("neo-migration-worker");
  }

  @Test
  void readsThePrivateKeysetFromItsFile(@TempDir Path dir) {
    PrivateKeyset keyset = PrivateKeyset.generate();
    Path file = dir.resolve("credentials-private.json");
    keyset.write(file);

    WorkerSettings settings = WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_CREDENTIAL_PRIVATE_KEYSET", file.toString(), "NEO_WORKER_SECRETS_DIR", dir.toString()));

    assertThat(settings.credentials().privateKeyset()).map(PrivateKeyset::primaryKeyId)
        .contains(keyset.primaryKeyId());
    assertThat(settings.credentials().secretsDirectory()).contains(dir);
  }

  @Test
  void refusesAPublicKeysetWhereTheWorkersPrivateOneBelongs(@TempDir Path dir) {
    Path file = dir.resolve("credentials-public.json");
    PrivateKeyset.generate().publicKeyset().write(file);

    assertThatThrownBy(() -> WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_CREDENTIAL_PRIVATE_KEYSET", file.toString())))
        .isInstanceOf(InvalidKeysetException.class).hasMessageContaining("cannot open");
  }

  @Test
  void refusesASecretPrefixThatWouldExposeEveryVariable() {
    assertThatThrownBy(() -> WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_SECRET_ENV_PREFIX", "NEO")))
        .hasMessageContaining("secret env prefix");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> WorkerSettings.builder(" ").concurrency(0).bundleLocation("/opt/bundle").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap servers are required")
        .hasMessageContaining("concurrency must be within 1..256")
        .hasMessageContaining("bundle location must start with classpath: or filesystem:");
  }

  @Test
  void readsTheTlsTrustBundlesAndTheDefaultTlsMode(@TempDir Path dir) {
    Path ca = TestCertificates.authority("corp").writeCertificate(dir.resolve("corp.pem"));

    WorkerSettings settings = WorkerSettings.from(Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_TLS_TRUST_BUNDLES", "corp-ca=" + ca,
        "NEO_WORKER_TLS_DEFAULT_MODE", "verify-full"));

    assertThat(settings.trustBundles().file("corp-ca")).contains(ca);
    assertThat(settings.defaultTlsMode()).contains(TlsMode.VERIFY_FULL);
  }

  @Test
  void withoutTlsSettingsThereAreNoTrustBundlesAndNoDefaultTlsMode() {
    WorkerSettings settings = WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertThat(settings.trustBundles().files()).isEmpty();
    assertThat(settings.defaultTlsMode()).isEmpty();
  }

  @Test
  void refusesADefaultTlsModeThatIsNoMode() {
    assertThatThrownBy(() -> WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_TLS_DEFAULT_MODE", "prefer")))
        .hasMessageContaining("NEO_WORKER_TLS_DEFAULT_MODE must be disable, require, verify-ca or verify-full");
  }

  @Test
  void refusesABudgetTooSmallForTheRunningTasks() {
    assertThatThrownBy(() -> WorkerSettings.builder("kafka:9092").concurrency(8).connectionBudget(10).build())
        .hasMessageContaining("connection budget 10 must be at least 2 × concurrency = 16");
  }

  @Test
  void answersHealthChecksInAGroupOfItsOwnNamedAfterTheTaskGroup() {
    WorkerSettings settings = WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertThat(settings.health().groupId()).isEqualTo("neo-migration-worker-health");
    assertThat(settings.health().concurrency()).isEqualTo(2);
    assertThat(settings.health().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.health().enabled()).isTrue();
  }

  @Test
  void readsTheHealthCheckSettings() {
    WorkerSettings settings = WorkerSettings.from(Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_HEALTH_GROUP_ID", "checks",
        "NEO_WORKER_HEALTH_CONCURRENCY", "0",
        "NEO_WORKER_HEALTH_TIMEOUT_MS", "1500"));

    assertThat(settings.health().groupId()).isEqualTo("checks");
    assertThat(settings.health().enabled()).isFalse();
    assertThat(settings.health().timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void refusesAHealthGroupThatIsTheTaskGroup() {
    assertThatThrownBy(() -> WorkerSettings.builder("kafka:9092").groupId("workers").healthGroupId("workers").build())
        .hasMessageContaining("health group id must differ from the task group id workers");
  }

  @Test
  void keepsEmbeddedEnginesOffAndDeniesMetadataAddressesByDefault() {
    WorkerSettings settings = WorkerSettings.from(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    assertThat(settings.targetAccess().embeddedEngines()).isFalse();
    assertThat(settings.targetAccess().embeddedDataDir()).isEmpty();
    assertThat(settings.targetAccess().network()).isEqualTo(NetworkPolicy.defaults());
  }

  @Test
  void readsTheTargetAccessSettings() {
    WorkerSettings settings = WorkerSettings.from(Map.of(
        "NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_EMBEDDED_ENGINES", "true",
        "NEO_WORKER_EMBEDDED_DATA_DIR", "/var/lib/neo/h2",
        "NEO_WORKER_TARGET_NETWORKS", "10.0.0.0/8",
        "NEO_WORKER_DENIED_NETWORKS", "169.254.0.0/16"));

    assertThat(settings.targetAccess().embeddedEngines()).isTrue();
    assertThat(settings.targetAccess().embeddedDataDir()).contains(Path.of("/var/lib/neo/h2"));
    assertThat(settings.targetAccess().network()).isEqualTo(NetworkPolicy.of("10.0.0.0/8", "169.254.0.0/16"));
  }

  @Test
  void refusesANetworkThatIsNotACidr() {
    assertThatThrownBy(() -> WorkerSettings.builder("kafka:9092").deniedNetworks("metadata.internal").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata.internal");
  }
}
