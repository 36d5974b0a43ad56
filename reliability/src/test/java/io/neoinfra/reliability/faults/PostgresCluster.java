package io.neoinfra.reliability.faults;

import io.neoinfra.testsupport.LocalDatabaseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The machine's PostgreSQL cluster, restarted with Debian's {@code pg_ctlcluster} (which is why this needs the
 * Debian/Ubuntu packaging and root or the postgres user).
 */
final class PostgresCluster {

  private final LocalDatabaseServer server;
  private final String version;

  private PostgresCluster(LocalDatabaseServer server, String version) {
    this.server = server;
    this.version = version;
  }

  static PostgresCluster local(LocalDatabaseServer server) {
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      String version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
          .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
      return new PostgresCluster(server, version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find the PostgreSQL cluster under /etc/postgresql", e);
    }
  }

  /** {@code pg_ctlcluster <version> main restart}: every open connection is cut. */
  void restart() {
    run("restart");
    awaitAcceptingConnections();
  }

  /** Starts the cluster if it does not accept connections (a test's finally: never leave the machine without it). */
  void ensureRunning() {
    if (!acceptsConnections()) {
      run("start");
      awaitAcceptingConnections();
    }
  }

  private void run(String action) {
    List<String> command = List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitAcceptingConnections() {
    Awaitility.await("PostgreSQL accepting connections").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500)).until(this::acceptsConnections);
  }

  private boolean acceptsConnections() {
    try (Connection c = server.connectAdmin()) {
      return c.isValid(5);
    } catch (RuntimeException | java.sql.SQLException e) {
      return false;
    }
  }
}
