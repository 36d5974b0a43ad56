package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.registry.DatabaseRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Logs in to a registered database that needs no password and asks it whether the connection is valid, all within
 * {@code health-timeout}. A database with a sealed password or a {@code password_ref} is reported as
 * {@link HealthOutcome#CREDENTIALS_WORKER_ONLY}: the gateway holds only the public keyset, so it cannot open the
 * password, and references resolve only on workers. The outcome is a code; driver messages are never passed on, as they
 * may name hosts, users or worse.
 */
@Component
class ConnectionHealthCheck implements DisposableBean {

  record Result(HealthOutcome outcome, Long latencyMs, Instant checkedAt) {}

  private final Duration timeout;
  private final ExecutorService pool;
  private final Clock clock;

  ConnectionHealthCheck(ConnectionSettings settings, Clock clock) {
    this.timeout = settings.healthTimeout();
    this.clock = clock;
    this.pool = Executors.newFixedThreadPool(Math.max(1, settings.healthChecksInParallel()), r -> {
      Thread t = new Thread(r, "gateway-db-health");
      t.setDaemon(true);
      return t;
    });
  }

  Result check(DatabaseRecord db) {
    Instant start = clock.instant();
    if (db.password() != null || db.passwordRef() != null) {
      return new Result(HealthOutcome.CREDENTIALS_WORKER_ONLY, null, start);
    }
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
    Engine engine = db.engine() == null ? Engine.POSTGRESQL : db.engine();
    int port = db.port() != null ? db.port() : engine.defaultPort();
    int seconds = (int) Math.max(1, timeout.toSeconds());
    String name = URLEncoder.encode(db.databaseName(), StandardCharsets.UTF_8);
    String url = switch (engine) {
      case POSTGRESQL -> "jdbc:postgresql://" + db.host() + ":" + port + "/" + name + "?connectTimeout=" + seconds
          + "&socketTimeout=" + seconds + "&loginTimeout=" + seconds;
      case MARIADB, MYSQL -> "jdbc:mariadb://" + db.host() + ":" + port + "/" + name + "?connectTimeout="
          + timeout.toMillis() + "&socketTimeout=" + timeout.toMillis();
      case H2 -> null;
    };
    if (url == null || db.host() == null) {
      return HealthOutcome.UNSUPPORTED_ENGINE;
    }
    Properties props = new Properties();
    props.setProperty("user", db.username());
    try (Connection connection = DriverManager.getConnection(url, props)) {
      return connection.isValid(seconds) ? HealthOutcome.HEALTHY : HealthOutcome.UNHEALTHY;
    } catch (SQLException e) {
      return classify(e);
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
