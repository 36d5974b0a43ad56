package io.neoinfra.worker.health;

import io.neoinfra.schemas.connection.AddressRefusedException;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionFailure;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.connection.DriverProperties;
import io.neoinfra.schemas.connection.DriverTarget;
import io.neoinfra.schemas.connection.ValidConnection;
import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.connections.TargetAccess;
import io.neoinfra.worker.connections.TlsDriverProperties;
import io.neoinfra.worker.failure.TaskFailureException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Connects to a target once, logs in and asks the database whether the connection is valid, within a timeout. The
 * connection is built exactly as a task's is: the fields pass {@link ConnectionRules} and this worker's policy, reach
 * the driver as values ({@link DriverProperties}, with the socket that checks the resolved address), and carry the
 * connection's TLS settings. No pool: a health check must see the server as a new connection does, and must not take
 * a slot of the migrations' pools. The outcome is a code; the driver's message stays here.
 */
public final class HealthProbe {

  private static final String APPLICATION_NAME = "neo-migration-worker-health";

  private final TargetAccess access;
  private final TlsDriverProperties tls;

  public HealthProbe(TargetAccess access, TlsDriverProperties tls) {
    this.access = access;
    this.tls = tls;
  }

  public HealthOutcome probe(TargetConnection target, String password, Duration timeout) {
    if (target.engine() == null || target.host() == null) {
      // H2 has no server to reach: its database lives inside the worker.
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    ConnectionCheck check = access.policy().check(ConnectionRules.check(target));
    if (check instanceof ConnectionCheck.Invalid invalid) {
      boolean onlyTheAddress = invalid.failures().stream().allMatch(ConnectionFailure.AddressDenied.class::isInstance);
      return onlyTheAddress ? HealthOutcome.ADDRESS_REFUSED : HealthOutcome.INVALID_CONNECTION;
    }
    ValidConnection connection = ((ConnectionCheck.Valid) check).connection();
    if (connection.embedded()) {
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    DriverTarget driver = new DriverProperties(timeout, timeout, APPLICATION_NAME, access.network(), Optional.empty())
        .forTarget(connection, password);
    Properties props = driver.properties();
    try {
      tls.forTarget(target).forEach(props::setProperty);
    } catch (TaskFailureException e) {
      return HealthOutcome.TLS_FAILED;
    }
    if (connection.engine() == io.neoinfra.schemas.events.Engine.POSTGRESQL) {
      props.setProperty("loginTimeout", String.valueOf(seconds(timeout)));
    }
    try (Connection opened = DriverManager.getConnection(driver.url(), props)) {
      return opened.isValid(seconds(timeout)) ? HealthOutcome.HEALTHY : HealthOutcome.UNHEALTHY;
    } catch (SQLException e) {
      return classify(e);
    }
  }

  /** PostgreSQL's timeouts are whole seconds, and 0 would mean none. */
  private static int seconds(Duration timeout) {
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  // SQLSTATE classes are the drivers' stable contract: 08 connection, 28 authorization, 3D unknown catalog.
  static HealthOutcome classify(SQLException e) {
    if (AddressRefusedException.findIn(e).isPresent()) {
      return HealthOutcome.ADDRESS_REFUSED;
    }
    if (causedBy(e, javax.net.ssl.SSLException.class) || causedBy(e, java.security.cert.CertificateException.class)) {
      return HealthOutcome.TLS_FAILED;
    }
    if (causedBy(e, SocketTimeoutException.class)) {
      return HealthOutcome.TIMEOUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("28") || sql.getErrorCode() == 1045) {
          return HealthOutcome.AUTHENTICATION_FAILED;
        }
        if (state.startsWith("3D") || sql.getErrorCode() == 1049) {
          return HealthOutcome.DATABASE_MISSING;
        }
      }
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08") ? HealthOutcome.UNREACHABLE : HealthOutcome.UNHEALTHY;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
