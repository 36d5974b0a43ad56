package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.connection.AddressRefusedException;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.connection.DriverProperties;
import io.neoinfra.schemas.connection.DriverTarget;
import io.neoinfra.schemas.connection.ValidConnection;
import io.neoinfra.schemas.crypto.CredentialCipher;
import io.neoinfra.schemas.crypto.CredentialDecryptionException;
import io.neoinfra.schemas.crypto.SecretKeyRing;
import io.neoinfra.schemas.registry.DatabaseRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Logs in to a registered database (decrypting its password in memory only) and asks it whether the connection is
 * valid, all within {@code health-timeout}. The record's fields pass the connection rules and the network policy first,
 * and reach the driver as values ({@link DriverProperties}); the socket checks the address the host resolved to. The outcome is a code; driver messages are never passed on, as they
 * may name hosts, users or worse.
 */
@Component
class ConnectionHealthCheck implements DisposableBean {

  record Result(HealthOutcome outcome, Long latencyMs, Instant checkedAt) {}

  private final CredentialCipher cipher;
  private final Duration timeout;
  private final ExecutorService pool;
  private final Clock clock;
  private final ConnectionPolicy policy;
  private final DriverProperties driver;

  ConnectionHealthCheck(SecretKeyRing keys, ConnectionSettings settings, Clock clock) {
    this.cipher = new CredentialCipher(keys);
    this.timeout = settings.healthTimeout();
    this.policy = settings.policy();
    this.driver = new DriverProperties(timeout, timeout, "neo-rest-gateway", policy.network(), Optional.empty());
    this.clock = clock;
    this.pool = Executors.newFixedThreadPool(Math.max(1, settings.healthChecksInParallel()), r -> {
      Thread t = new Thread(r, "gateway-db-health");
      t.setDaemon(true);
      return t;
    });
  }

  Result check(DatabaseRecord db) {
    Instant start = clock.instant();
    Future<HealthOutcome> running = pool.submit(() -> probe(db));
    HealthOutcome outcome;
    try {
      outcome = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      outcome = HealthOutcome.TIMEOUT;
    } catch (ExecutionException e) {
      outcome = HealthOutcome.UNHEALTHY;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = HealthOutcome.UNHEALTHY;
    }
    long latency = Duration.between(start, clock.instant()).toMillis();
    return new Result(outcome, latency, start);
  }

  private HealthOutcome probe(DatabaseRecord db) {
    ConnectionCheck rules = ConnectionRules.check(db);
    if (!(rules instanceof ConnectionCheck.Valid valid)) {
      return HealthOutcome.INVALID_CONNECTION;
    }
    ValidConnection connection = valid.connection();
    if (connection.embedded()) {
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    if (!policy.refusals(connection).isEmpty()) {
      return HealthOutcome.ADDRESS_REFUSED;
    }
    String password;
    try {
      password = db.password() == null ? null : cipher.decrypt(db.password());
    } catch (CredentialDecryptionException e) {
      return HealthOutcome.CREDENTIALS_UNREADABLE;
    }
    DriverTarget target = driver.forTarget(connection, password);
    try (Connection open = DriverManager.getConnection(target.url(), target.properties())) {
      return open.isValid((int) Math.max(1, timeout.toSeconds())) ? HealthOutcome.HEALTHY : HealthOutcome.UNHEALTHY;
    } catch (SQLException e) {
      return AddressRefusedException.findIn(e).isPresent() ? HealthOutcome.ADDRESS_REFUSED : classify(e);
    }
  }

  // SQLSTATE classes are the drivers' stable contract: 08 connection, 28 authorization, 3D unknown catalog.
  private static HealthOutcome classify(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28")) {
      return HealthOutcome.AUTHENTICATION_FAILED;
    }
    if (state.startsWith("3D") || e.getErrorCode() == 1049) {
      return HealthOutcome.DATABASE_MISSING;
    }
    if (state.startsWith("08")) {
      return HealthOutcome.UNREACHABLE;
    }
    if (e.getErrorCode() == 1045) {
      return HealthOutcome.AUTHENTICATION_FAILED;
    }
    return HealthOutcome.UNHEALTHY;
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
