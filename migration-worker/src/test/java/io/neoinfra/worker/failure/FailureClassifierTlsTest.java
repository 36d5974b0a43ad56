package io.neoinfra.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskError;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How connection failures around TLS are classified (the real driver's failures are in TlsConnectionsIT). */
class FailureClassifierTlsTest {

  private final FailureClassifier classifier = new FailureClassifier();

  @Test
  void anUntrustedServerCertificateIsANonRetryableTlsFailureWithTheDriversReason() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
    handshake.initCause(new CertificateException("unable to find valid certification path"));
    SQLException driver = new SQLException("SSL error: PKIX path building failed", "08006", handshake);

    TaskError error = classifier.classify(poolTimeout(driver));

    assertThat(error.kind()).isEqualTo(FailureKind.TLS_FAILED);
    assertThat(error.kind().retryable()).isFalse();
    assertThat(error.message()).isEqualTo("SSL error: PKIX path building failed");
  }

  @Test
  void anSslSessionResetByTheServerStaysARetryableConnectionProblem() {
    SQLException driver = new SQLException("An I/O error occurred", "08006", new SSLException("Connection reset"));

    TaskError error = classifier.classify(poolTimeout(driver));

    assertThat(error.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void aConnectionFailureBehindThePoolsTimeoutReportsTheDriversMessageNotThePools() {
    SQLException driver = new SQLException("The server does not support SSL.", "08004");

    TaskError error = classifier.classify(poolTimeout(driver));

    assertThat(error.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(error.message()).isEqualTo("The server does not support SSL.");
    assertThat(error.sqlState()).isEqualTo("08004");
  }

  /** What HikariCP throws when no connection could be made within its timeout. */
  private static SQLTransientConnectionException poolTimeout(SQLException cause) {
    return new SQLTransientConnectionException(
        "neo-pool - Connection is not available, request timed out after 5000ms", cause.getSQLState(), cause);
  }
}
