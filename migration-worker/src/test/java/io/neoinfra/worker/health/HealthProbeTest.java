package io.neoinfra.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.connection.NetworkPolicy;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import io.neoinfra.worker.connections.TargetAccess;
import io.neoinfra.worker.connections.TlsDriverProperties;
import io.neoinfra.worker.connections.TrustBundles;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  private static final HealthProbe PROBE = new HealthProbe(TargetAccess.defaults(),
      new TlsDriverProperties(TrustBundles.none(), Optional.empty()));

  @Test
  void anH2TargetIsUnsupportedAndNothingIsOpened() {
    TargetConnection h2 = new TargetConnection(Engine.H2, null, null, "probe", null, "sa", null);

    assertThat(PROBE.probe(h2, null, Duration.ofSeconds(1))).isEqualTo(HealthOutcome.UNSUPPORTED_ENGINE);
  }

  @Test
  void invalidAuthorizationStateIsAnAuthenticationFailure() {
    assertThat(HealthProbe.classify(new SQLException("denied", "28P01")))
        .isEqualTo(HealthOutcome.AUTHENTICATION_FAILED);
  }

  @Test
  void mariaDbAccessDeniedCodeIsAnAuthenticationFailure() {
    assertThat(HealthProbe.classify(new SQLException("denied", "HY000", 1045)))
        .isEqualTo(HealthOutcome.AUTHENTICATION_FAILED);
  }

  @Test
  void unknownCatalogIsAMissingDatabase() {
    assertThat(HealthProbe.classify(new SQLException("no db", "3D000"))).isEqualTo(HealthOutcome.DATABASE_MISSING);
    assertThat(HealthProbe.classify(new SQLException("no db", "42000", 1049)))
        .isEqualTo(HealthOutcome.DATABASE_MISSING);
  }

  @Test
  void aSocketTimeoutUnderneathIsATimeout() {
    SQLException e = new SQLException("connect failed", "08001", new SocketTimeoutException("connect timed out"));

    assertThat(HealthProbe.classify(e)).isEqualTo(HealthOutcome.TIMEOUT);
  }

  @Test
  void anyOtherConnectionStateIsUnreachable() {
    assertThat(HealthProbe.classify(new SQLException("refused", "08001"))).isEqualTo(HealthOutcome.UNREACHABLE);
  }

  @Test
  void aFieldThatBreaksTheRulesIsAnInvalidConnectionAndNothingIsOpened() {
    TargetConnection attack = new TargetConnection(Engine.POSTGRESQL, "127.0.0.1", 5432,
        "postgres?socketFactory=java.lang.String", null, "postgres", null);

    assertThat(PROBE.probe(attack, null, Duration.ofSeconds(2))).isEqualTo(HealthOutcome.INVALID_CONNECTION);
  }

  @Test
  void aMetadataAddressIsRefusedBeforeAnythingIsSent() {
    TargetConnection metadata = new TargetConnection(Engine.POSTGRESQL, "169.254.169.254", 5432, "postgres", null,
        "postgres", null);

    assertThat(PROBE.probe(metadata, null, Duration.ofSeconds(2))).isEqualTo(HealthOutcome.ADDRESS_REFUSED);
  }

  @Test
  void aHostNameThatResolvesIntoADeniedNetworkIsRefusedAtTheSocket() {
    HealthProbe loopbackDenied = new HealthProbe(new TargetAccess(false, Optional.empty(),
        NetworkPolicy.of("", "127.0.0.0/8,::1/128")), new TlsDriverProperties(TrustBundles.none(), Optional.empty()));
    TargetConnection localhost = new TargetConnection(Engine.POSTGRESQL, "localhost", 5432, "postgres", null,
        "postgres", null);

    assertThat(loopbackDenied.probe(localhost, null, Duration.ofSeconds(2))).isEqualTo(HealthOutcome.ADDRESS_REFUSED);
  }

  @Test
  void aRefusedPortIsUnreachable() {
    TargetConnection closed = new TargetConnection(Engine.POSTGRESQL, "127.0.0.1", 1, "absent", null, "postgres",
        null);

    assertThat(PROBE.probe(closed, null, Duration.ofSeconds(2))).isEqualTo(HealthOutcome.UNREACHABLE);
  }
}
