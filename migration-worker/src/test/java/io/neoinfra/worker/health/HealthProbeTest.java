package io.neoinfra.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  @Test
  void anH2TargetIsUnsupportedAndNothingIsOpened() {
    TargetConnection h2 = new TargetConnection(Engine.H2, null, null, "mem:probe;DB_CLOSE_DELAY=-1", null, "sa", null);

    assertThat(new HealthProbe().probe(h2, null, Duration.ofSeconds(1))).isEqualTo(HealthOutcome.UNSUPPORTED_ENGINE);
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
  void aRefusedPortIsUnreachable() {
    TargetConnection closed = new TargetConnection(Engine.POSTGRESQL, "127.0.0.1", 1, "absent", null, "postgres",
        null);

    assertThat(new HealthProbe().probe(closed, null, Duration.ofSeconds(2))).isEqualTo(HealthOutcome.UNREACHABLE);
  }
}
