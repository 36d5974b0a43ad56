package io.neoinfra.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.testsupport.TestCertificates;
import io.neoinfra.testsupport.ThrowawayPostgresCluster;
import io.neoinfra.worker.connections.TrustBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS from the worker to PostgreSQL servers of the test's own (SSL on, accepting TLS connections only; SSL off), with
 * a CA and server certificates made at test time, through the worker's real task path: task on Kafka, pool, Flyway,
 * result on Kafka.
 */
class TlsConnectionsIT {

  private static final String PASSWORD = "Pw-tls-never-shown-7f3a";

  private static Path certificates;
  private static ThrowawayPostgresCluster namedForLoopback;
  private static ThrowawayPostgresCluster namedForAnotherHost;
  private static ThrowawayPostgresCluster withoutSsl;
  private static WorkerFixture fixture;

  @BeforeAll
  static void start() throws IOException {
    certificates = Files.createTempDirectory("neo-tls-it-");
    TestCertificates.Authority ca = TestCertificates.authority("neo test CA");
    TestCertificates.Authority otherCa = TestCertificates.authority("some other CA");
    Path caFile = ca.writeCertificate(certificates.resolve("ca.pem"));
    Path otherCaFile = otherCa.writeCertificate(certificates.resolve("other-ca.pem"));
    namedForLoopback = ThrowawayPostgresCluster.withSsl(ca.issueServer("localhost", "127.0.0.1"));
    namedForAnotherHost = ThrowawayPostgresCluster.withSsl(ca.issueServer("db.invalid.example"));
    withoutSsl = ThrowawayPostgresCluster.withoutSsl();
    fixture = WorkerFixture.start("classpath:bundles/basic", b -> b
        .trustBundles(TrustBundles.parse("test-ca=" + caFile + ",other-ca=" + otherCaFile)));
  }

  @AfterAll
  static void stop() throws IOException {
    // The worker first: its pools hold connections to the clusters.
    if (fixture != null) {
      fixture.close();
    }
    for (ThrowawayPostgresCluster cluster : new ThrowawayPostgresCluster[] {namedForLoopback, namedForAnotherHost,
        withoutSsl}) {
      if (cluster != null) {
        cluster.close();
      }
    }
    try (Stream<Path> files = Files.walk(certificates)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void theClustersWithSslRefusePlainConnectionsSoEveryTaskThatGotInSpokeTls() {
    Properties plain = new Properties();
    plain.setProperty("user", ThrowawayPostgresCluster.SUPERUSER);
    plain.setProperty("sslmode", "disable");

    assertThatThrownBy(() -> DriverManager.getConnection(namedForLoopback.jdbcUrl("postgres"), plain).close())
        .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");
  }

  @Test
  void verifyFullWithTheRightCaMigratesTheTargetOverTls() throws SQLException {
    String database = namedForLoopback.createDatabase("neo_tls_full");

    TaskSucceeded done = fixture.awaitSuccess(publish(namedForLoopback, database,
        new TlsSettings(TlsMode.VERIFY_FULL, "test-ca")));

    assertThat(done.versionAfter()).isEqualTo("5");
    assertThat(appliedVersions(namedForLoopback, database)).isEqualTo(5);
  }

  @Test
  void verifyCaWithTheRightCaMigratesEvenWhenTheCertificateNamesAnotherHost() throws SQLException {
    String database = namedForAnotherHost.createDatabase("neo_tls_ca");

    TaskSucceeded done = fixture.awaitSuccess(publish(namedForAnotherHost, database,
        new TlsSettings(TlsMode.VERIFY_CA, "test-ca")));

    assertThat(done.versionAfter()).isEqualTo("5");
    assertThat(appliedVersions(namedForAnotherHost, database)).isEqualTo(5);
  }

  @Test
  void verifyFullAgainstACertificateForAnotherHostFailsAndSaysTheHostNameDoesNotMatch() throws SQLException {
    String database = namedForAnotherHost.createDatabase("neo_tls_mismatch");

    TaskFailed failed = fixture.awaitFailure(publish(namedForAnotherHost, database,
        new TlsSettings(TlsMode.VERIFY_FULL, "test-ca")));

    assertThat(failed.error().message()).as(failed.toString())
        .contains("hostname 127.0.0.1 could not be verified").doesNotContain(PASSWORD);
    // pgjdbc reports it as a connection failure without an exception type of its own (see the README).
    assertThat(failed.error().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(failed.toString()).doesNotContain(PASSWORD);
    assertThat(appliedVersions(namedForAnotherHost, database)).isZero();
  }

  @Test
  void verifyCaAgainstACertificateOfAnotherCaFailsAsTlsFailedWithoutRetries() throws SQLException {
    String database = namedForLoopback.createDatabase("neo_tls_other_ca");

    TaskFailed failed = fixture.awaitFailure(publish(namedForLoopback, database,
        new TlsSettings(TlsMode.VERIFY_CA, "other-ca")));

    assertThat(failed.error().kind()).as(failed.toString()).isEqualTo(FailureKind.TLS_FAILED);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.error().message()).contains("SSL").doesNotContain(PASSWORD);
    assertThat(appliedVersions(namedForLoopback, database)).isZero();
  }

  @Test
  void verifyFullWithoutATrustBundleTrustsTheJvmTrustStoreNotFilesInTheHomeDirectory() throws SQLException {
    // The test CA is in no JVM trust store: the handshake is refused, rather than root.crt being looked for.
    String database = namedForLoopback.createDatabase("neo_tls_jvm_store");

    TaskFailed failed = fixture.awaitFailure(publish(namedForLoopback, database,
        TlsSettings.of(TlsMode.VERIFY_FULL)));

    assertThat(failed.error().kind()).as(failed.toString()).isEqualTo(FailureKind.TLS_FAILED);
    assertThat(failed.error().message()).contains("PKIX").doesNotContain("root.crt").doesNotContain(PASSWORD);
    assertThat(appliedVersions(namedForLoopback, database)).isZero();
  }

  @Test
  void requireAgainstAServerWithoutSslFailsAndSaysTheServerHasNoSsl() throws SQLException {
    assertThat(sslSetting(withoutSsl)).isEqualTo("off");
    String database = withoutSsl.createDatabase("neo_tls_nossl");

    TaskFailed failed = fixture.awaitFailure(publish(withoutSsl, database, TlsSettings.of(TlsMode.REQUIRE)));

    assertThat(failed.error().message()).as(failed.toString())
        .contains("does not support SSL").doesNotContain(PASSWORD);
    assertThat(failed.error().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(failed.toString()).doesNotContain(PASSWORD);
    assertThat(appliedVersions(withoutSsl, database)).isZero();
  }

  @Test
  void aTrustBundleTheWorkerDoesNotKnowFailsTheTaskAndNamesTheBundlesItKnows() {
    TaskFailed failed = fixture.awaitFailure(publish(namedForLoopback, "postgres",
        new TlsSettings(TlsMode.VERIFY_FULL, "corp-ca")));

    assertThat(failed.error().kind()).isEqualTo(FailureKind.TLS_FAILED);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.error().message()).contains("'corp-ca' is not known", "other-ca", "test-ca");
  }

  @Test
  void withoutTlsSettingsAServerThatAcceptsOnlyTlsIsStillReachedWithTheDriversDefault() throws SQLException {
    // pgjdbc's default (sslmode=prefer) encrypts when the server offers TLS; nothing is verified.
    String database = namedForLoopback.createDatabase("neo_tls_default");

    TaskSucceeded done = fixture.awaitSuccess(publish(namedForLoopback, database, null));

    assertThat(done.versionAfter()).isEqualTo("5");
  }

  private static String publish(ThrowawayPostgresCluster cluster, String database, TlsSettings tls) {
    TargetConnection connection = new TargetConnection(Engine.POSTGRESQL, cluster.host(), cluster.port(), database,
        null, ThrowawayPostgresCluster.SUPERUSER, WorkerFixture.SEALER.seal(PASSWORD), tls);
    MigrationTask task = WorkerFixture.task(connection).build();
    fixture.publish(task);
    return task.taskId();
  }

  /** Versions in the history table, 0 when the table does not exist. */
  private static int appliedVersions(ThrowawayPostgresCluster cluster, String database) throws SQLException {
    try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = "
            + "'flyway_schema_history'")) {
      rs.next();
      if (rs.getInt(1) == 0) {
        return 0;
      }
    }
    try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String sslSetting(ThrowawayPostgresCluster cluster) throws SQLException {
    try (Connection connection = cluster.connect("postgres"); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW ssl")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
