package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        "NEO_WORKER_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_CONCURRENCY", "6",
        "NEO_WORKER_BUNDLE", "filesystem:/opt/bundle",
        "NEO_WORKER_DEFAULT_TIMEOUT_SECONDS", "120",
        "NEO_WORKER_CIRCUIT_OPEN_SECONDS", "10");

    // when
    WorkerSettings settings = WorkerSettings.from(env::get);

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

    WorkerSettings settings = WorkerSettings.from(Map.of("NEO_WORKER_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_CREDENTIAL_PRIVATE_KEYSET", file.toString(), "NEO_WORKER_SECRETS_DIR", dir.toString())::get);

    assertThat(settings.credentials().privateKeyset()).map(PrivateKeyset::primaryKeyId)
        .contains(keyset.primaryKeyId());
    assertThat(settings.credentials().secretsDirectory()).contains(dir);
  }

  @Test
  void refusesAPublicKeysetWhereTheWorkersPrivateOneBelongs(@TempDir Path dir) {
    Path file = dir.resolve("credentials-public.json");
    PrivateKeyset.generate().publicKeyset().write(file);

    assertThatThrownBy(() -> WorkerSettings.from(Map.of("NEO_WORKER_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_CREDENTIAL_PRIVATE_KEYSET", file.toString())::get))
        .isInstanceOf(InvalidKeysetException.class).hasMessageContaining("cannot open");
  }

  @Test
  void refusesASecretPrefixThatWouldExposeEveryVariable() {
    assertThatThrownBy(() -> WorkerSettings.from(Map.of("NEO_WORKER_BOOTSTRAP_SERVERS", "kafka:9092",
        "NEO_WORKER_SECRET_ENV_PREFIX", "NEO")::get))
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
  void refusesABudgetTooSmallForTheRunningTasks() {
    assertThatThrownBy(() -> WorkerSettings.builder("kafka:9092").concurrency(8).connectionBudget(10).build())
        .hasMessageContaining("connection budget 10 must be at least 2 × concurrency = 16");
  }
}
