package io.neoinfra.worker.failure;

import io.neoinfra.schemas.connection.AddressRefusedException;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TaskError;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Turns what a task threw into a {@link TaskError}: by exception type, SQL state and Flyway error code, never by
 * message text. Messages are the database's own (they name objects, never the password, which no URL carries).
 */
public final class FailureClassifier {

  /** SQL states of "could not get or keep a connection" (class 08) and the server going away (57P01..57P03). */
  private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03");
  /** Invalid authorization (class 28). */
  private static final String AUTH_CLASS = "28";
  /** PostgreSQL lock_not_available, deadlock_detected; MySQL/MariaDB lock wait timeout and deadlock error codes. */
  private static final Set<String> LOCK_STATES = Set.of("55P03", "40P01");
  private static final Set<Integer> MYSQL_LOCK_CODES = Set.of(1205, 1213);
  private static final int MESSAGE_LIMIT = 4000;

  public TaskError classify(Throwable failure) {
    if (failure instanceof TaskFailureException known) {
      return known.error();
    }
    var refused = AddressRefusedException.findIn(failure);
    if (refused.isPresent()) {
      return new TaskError(FailureKind.ADDRESS_REFUSED, refused.get().getMessage(), null, null, null);
    }
    FlywaySqlScriptException script = find(failure, FlywaySqlScriptException.class);
    SQLException sql = find(failure, SQLException.class);
    if (find(failure, CertificateException.class) != null
        || find(failure, SSLPeerUnverifiedException.class) != null) {
      // The server's certificate was refused: retrying will not change it or our trust. Other SSL exceptions (a reset
      // in the middle of a session, a handshake cut short) stay connection problems.
      return error(FailureKind.TLS_FAILED, failure, driverCause(sql), null, null);
    }
    if (isConnectionProblem(failure, sql)) {
      return error(sql != null && isAuthentication(sql) ? FailureKind.AUTHENTICATION_FAILED
          : FailureKind.CONNECTION_REFUSED, failure, driverCause(sql), null, null);
    }
    if (sql != null && isAuthentication(sql)) {
      return error(FailureKind.AUTHENTICATION_FAILED, failure, sql, null, null);
    }
    if (sql != null && (LOCK_STATES.contains(sql.getSQLState()) || MYSQL_LOCK_CODES.contains(sql.getErrorCode()))) {
      return error(FailureKind.LOCK_WAIT, failure, sql, scriptName(failure, script), lineOf(failure, script));
    }
    if (script != null || find(failure, FlywayMigrateException.class) != null) {
      return error(FailureKind.SQL_ERROR, failure, sql, scriptName(failure, script), lineOf(failure, script));
    }
    FlywayException flyway = find(failure, FlywayException.class);
    if (flyway != null && flyway.getErrorCode() == CoreErrorCode.CHECKSUM_MISMATCH) {
      return error(FailureKind.CHECKSUM_MISMATCH, failure, null, null, null);
    }
    if (flyway != null && flyway.getErrorCode() == CoreErrorCode.VALIDATE_ERROR) {
      return error(FailureKind.VALIDATION_FAILED, failure, null, null, null);
    }
    if (sql != null) {
      return error(FailureKind.SQL_ERROR, failure, sql, null, null);
    }
    return error(FailureKind.INTERNAL_ERROR, failure, null, null, null);
  }

  private static boolean isConnectionProblem(Throwable failure, SQLException sql) {
    if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null
        || find(failure, UnknownHostException.class) != null || find(failure, SocketTimeoutException.class) != null
        || find(failure, SQLTransientConnectionException.class) != null) {
      return true;
    }
    if (failure instanceof FlywayException fe && fe.getErrorCode() == CoreErrorCode.DB_CONNECTION) {
      return true;
    }
    String state = sql == null ? null : sql.getSQLState();
    return state != null && (state.startsWith("08") || CONNECTION_STATES.contains(state));
  }

  /**
   * The driver's own exception under the pool's "connection is not available" wrapper, whose message would hide why
   * (the server does not support SSL, a host name the certificate does not match, …).
   */
  private static SQLException driverCause(SQLException sql) {
    if (sql instanceof SQLTransientConnectionException && sql.getCause() instanceof SQLException driver) {
      return driver;
    }
    return sql;
  }

  private static boolean isAuthentication(SQLException sql) {
    for (Throwable t = sql; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith(AUTH_CLASS)) {
        return true;
      }
      // MariaDB's "Access denied" (1045) comes with state 28000; keep the code check for MySQL variants.
      if (t instanceof SQLException s && s.getErrorCode() == 1045) {
        return true;
      }
    }
    return false;
  }

  private static String scriptName(Throwable failure, FlywaySqlScriptException script) {
    if (script != null && script.getResource() != null) {
      return script.getResource().getFilename();
    }
    FlywayMigrateException migrate = find(failure, FlywayMigrateException.class);
    if (migrate != null && migrate.getMigration() != null) {
      return migrate.getMigration().getScript();
    }
    return null;
  }

  private static Integer lineOf(Throwable failure, FlywaySqlScriptException script) {
    if (script != null && script.getLineNumber() > 0) {
      return script.getLineNumber();
    }
    FlywayMigrateException migrate = find(failure, FlywayMigrateException.class);
    return migrate != null && migrate.getLineNumber() > 0 ? migrate.getLineNumber() : null;
  }

  private static TaskError error(FailureKind kind, Throwable failure, SQLException sql, String script, Integer line) {
    String message = sql != null && sql.getMessage() != null ? sql.getMessage() : describe(failure);
    return new TaskError(kind, truncate(message), script, line, sql == null ? null : sql.getSQLState());
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? failure.getMessage() : root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String truncate(String message) {
    return message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "…";
  }

  static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
