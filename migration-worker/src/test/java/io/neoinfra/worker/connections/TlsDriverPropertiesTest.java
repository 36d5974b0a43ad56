package io.neoinfra.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.failure.TaskFailureException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The mapping of a connection's {@code tls} to driver properties. PostgreSQL's is also proven against a real server in
 * {@code TlsConnectionsIT}; MariaDB's is checked here only (no MariaDB with TLS in the tests).
 */
class TlsDriverPropertiesTest {

  private static final Path CA = Path.of("/etc/neo/ca/corp.pem");
  private static final TrustBundles BUNDLES = new TrustBundles(Map.of("corp-ca", CA));

  @Test
  void postgresVerifyFullWithATrustBundleUsesItsFileAndNoClientCertificateFromTheHomeDirectory() {
    assertThat(TlsDriverProperties.of(Engine.POSTGRESQL, TlsMode.VERIFY_FULL, Optional.of(CA)))
        .containsOnly(entry("sslmode", "verify-full"), entry("sslrootcert", CA.toString()), entry("sslcert", ""),
            entry("sslkey", ""));
  }

  @Test
  void postgresVerifyCaWithATrustBundleUsesItsFile() {
    assertThat(TlsDriverProperties.of(Engine.POSTGRESQL, TlsMode.VERIFY_CA, Optional.of(CA)))
        .containsOnly(entry("sslmode", "verify-ca"), entry("sslrootcert", CA.toString()), entry("sslcert", ""),
            entry("sslkey", ""));
  }

  @Test
  void postgresVerifyingWithoutATrustBundleUsesTheJvmTrustStoreNotRootCrtInTheHomeDirectory() {
    assertThat(TlsDriverProperties.of(Engine.POSTGRESQL, TlsMode.VERIFY_FULL, Optional.empty()))
        .containsOnly(entry("sslmode", "verify-full"), entry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
  }

  @Test
  void postgresRequireEncryptsWithoutVerifyingAndOffersNoClientCertificate() {
    assertThat(TlsDriverProperties.of(Engine.POSTGRESQL, TlsMode.REQUIRE, Optional.empty()))
        .containsOnly(entry("sslmode", "require"), entry("sslcert", ""), entry("sslkey", ""));
  }

  @Test
  void postgresDisableIsAPlainConnection() {
    assertThat(TlsDriverProperties.of(Engine.POSTGRESQL, TlsMode.DISABLE, Optional.empty()))
        .containsOnly(entry("sslmode", "disable"));
  }

  @Test
  void mariadbModesAreConnectorJsSslModes() {
    assertThat(TlsDriverProperties.of(Engine.MARIADB, TlsMode.DISABLE, Optional.empty()))
        .containsOnly(entry("sslMode", "disable"));
    assertThat(TlsDriverProperties.of(Engine.MARIADB, TlsMode.REQUIRE, Optional.empty()))
        .containsOnly(entry("sslMode", "trust"));
    assertThat(TlsDriverProperties.of(Engine.MARIADB, TlsMode.VERIFY_CA, Optional.empty()))
        .containsOnly(entry("sslMode", "verify-ca"));
    assertThat(TlsDriverProperties.of(Engine.MYSQL, TlsMode.VERIFY_FULL, Optional.empty()))
        .containsOnly(entry("sslMode", "verify-full"));
  }

  @Test
  void mariadbTrustBundleIsTheServerSslCert() {
    assertThat(TlsDriverProperties.of(Engine.MARIADB, TlsMode.VERIFY_FULL, Optional.of(CA)))
        .containsOnly(entry("sslMode", "verify-full"), entry("serverSslCert", CA.toString()));
  }

  @Test
  void aTargetWithoutTlsGetsNoPropertyWhenTheWorkerHasNoDefaultMode() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.empty());

    assertThat(properties.forTarget(postgres(null))).isEmpty();
  }

  @Test
  void aTargetWithoutTlsGetsTheWorkersDefaultMode() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.of(TlsMode.REQUIRE));

    assertThat(properties.forTarget(postgres(null))).containsEntry("sslmode", "require");
  }

  @Test
  void aTargetsOwnTlsWinsOverTheWorkersDefault() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.of(TlsMode.REQUIRE));

    assertThat(properties.forTarget(postgres(new TlsSettings(TlsMode.VERIFY_FULL, "corp-ca"))))
        .containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", CA.toString());
  }

  @Test
  void aTrustBundleTheWorkerDoesNotKnowIsATlsFailure() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.empty());

    assertThatThrownBy(() -> properties.forTarget(postgres(new TlsSettings(TlsMode.VERIFY_CA, "partner-ca"))))
        .isInstanceOfSatisfying(TaskFailureException.class, e -> {
          assertThat(e.error().kind()).isEqualTo(FailureKind.TLS_FAILED);
          assertThat(e.error().message()).contains("'partner-ca' is not known", "corp-ca");
        });
  }

  @Test
  void tlsAskedOfAnH2TargetIsATlsFailure() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.empty());
    TargetConnection h2 = new TargetConnection(Engine.H2, null, null, "mem:x", null, "sa", null,
        TlsSettings.of(TlsMode.REQUIRE));

    assertThatThrownBy(() -> properties.forTarget(h2)).isInstanceOfSatisfying(TaskFailureException.class,
        e -> assertThat(e.error().kind()).isEqualTo(FailureKind.TLS_FAILED));
  }

  @Test
  void theWorkersDefaultModeDoesNotApplyToH2() {
    TlsDriverProperties properties = new TlsDriverProperties(BUNDLES, Optional.of(TlsMode.VERIFY_FULL));

    assertThat(properties.forTarget(new TargetConnection(Engine.H2, null, null, "mem:x", null, "sa", null)))
        .isEmpty();
  }

  private static TargetConnection postgres(TlsSettings tls) {
    return new TargetConnection(Engine.POSTGRESQL, "db.internal", 5432, "app", null, "app", null, tls);
  }
}
