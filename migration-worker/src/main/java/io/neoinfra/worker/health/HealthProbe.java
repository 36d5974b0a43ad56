package io.neoinfra.worker.health;

import io.neoinfra.schemas.health.HealthOutcome;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.connections.JdbcUrls;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Connects to a target once, logs in and asks the database whether the connection is valid, within a timeout given as
 * driver properties (never in the URL). No pool: a health check must see the server as a new connection does, and
 * must not take a slot of the migrations' pools. The outcome is a code; the driver's message stays here.
 */
public final class HealthProbe {

  public HealthOutcome probe(TargetConnection target, String password, Duration timeout) {
    if (target.engine() == null || target.host() == null) {
      // H2 has no server to reach: its "database name" is a location this worker would create.
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    Properties props = switch (target.engine()) {
      case POSTGRESQL -> postgres(timeout);
      case MARIADB, MYSQL -> mariadb(timeout);
      case H2 -> null;
    };
    if (props == null) {
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    props.setProperty("user", target.username());
    if (password != null) {
      props.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(JdbcUrls.of(target), props)) {
      return connection.isValid(seconds(timeout)) ? HealthOutcome.HEALTHY : HealthOutcome.UNHEALTHY;
    } catch (SQLException e) {
      return classify(e);
    }
  }

  private static Properties postgres(Duration timeout) {
    Properties props = new Properties();
    String seconds = String.valueOf(seconds(timeout));
    props.setProperty("connectTimeout", seconds);
    props.setProperty("socketTimeout", seconds);
    props.setProperty("loginTimeout", seconds);
    return props;
  }

  private static Properties mariadb(Duration timeout) {
    Properties props = new Properties();
    String millis = String.valueOf(Math.max(1, timeout.toMillis()));
    props.setProperty("connectTimeout", millis);
    props.setProperty("socketTimeout", millis);
    return props;
  }

  /** PostgreSQL's timeouts are whole seconds, and 0 would mean none. */
  private static int seconds(Duration timeout) {
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  // SQLSTATE classes are the drivers' stable contract: 08 connection, 28 authorization, 3D unknown catalog.
  static HealthOutcome classify(SQLException e) {
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
