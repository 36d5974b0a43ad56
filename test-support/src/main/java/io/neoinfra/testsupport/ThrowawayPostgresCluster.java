package io.neoinfra.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for one test class, so that a test can turn SSL on or off without touching the
 * machine's shared server: {@code initdb} into a temporary directory, then {@code postgres} on 127.0.0.1 and a free
 * port, trust authentication for the superuser {@code postgres}. With SSL on, the server accepts TLS connections
 * only ({@code hostssl} in pg_hba.conf), so a client that gets in has proven that it spoke TLS. {@link #close()}
 * stops it (fast shutdown) and deletes the directory.
 *
 * <p>The binaries are the newest of {@code /usr/lib/postgresql/<version>/bin} (Debian's packages), or the directory
 * in {@code NEO_TEST_PG_BIN}. initdb and postgres refuse to run as root: when the JVM is root, both run as the
 * {@code postgres} OS user through {@code runuser}, and the directory, certificate and key are handed to that user.
 * Every value is passed to the process as its own argument, never through a shell.
 */
public final class ThrowawayPostgresCluster implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String SUPERUSER = "postgres";
  private static final String OS_USER = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final Path bin;
  private final boolean asOsUser;
  private final boolean ssl;
  private final int port;
  private final Process server;

  /** The server's certificate and key, or none for a server with {@code ssl = off}. */
  public record ServerTls(TestCertificates.Issued certificate) {}

  private ThrowawayPostgresCluster(Optional<ServerTls> tls) {
    this.bin = binaries();
    this.asOsUser = "root".equals(System.getProperty("user.name"));
    this.ssl = tls.isPresent();
    try {
      // /tmp rather than java.io.tmpdir: the postgres OS user must be able to reach the directory.
      this.dir = Files.createTempDirectory(Path.of("/tmp"), "neo-pg-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a directory for a PostgreSQL cluster", e);
    }
    try {
      handOver(dir);
      Path data = dir.resolve("data");
      run(List.of(bin.resolve("initdb").toString(), "--pgdata=" + data, "--username=" + SUPERUSER,
          "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"), "initdb");
      List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
          "-c", "listen_addresses=" + HOST, "-c", "unix_socket_directories=" + dir,
          "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
          "-c", "shared_buffers=16MB", "-c", "max_connections=40"));
      if (tls.isPresent()) {
        Path cert = handOver(tls.get().certificate().writeCertificate(dir.resolve("server.crt")));
        Path key = tls.get().certificate().writePrivateKey(dir.resolve("server.key"));
        // PostgreSQL refuses a key that others can read.
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        handOver(key);
        command.addAll(List.of("-c", "ssl=on", "-c", "ssl_cert_file=" + cert, "-c", "ssl_key_file=" + key));
        // Replaces initdb's "host … trust" lines: a plain TCP connection finds no entry and is refused.
        Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\nhostssl all all 127.0.0.1/32 trust\n",
            StandardCharsets.US_ASCII);
      } else {
        command.addAll(List.of("-c", "ssl=off"));
      }
      this.port = FreePorts.next();
      command.addAll(List.of("-p", Integer.toString(port)));
      this.server = new ProcessBuilder(asOsUser(command)).redirectErrorStream(true)
          .redirectOutput(dir.resolve("server.log").toFile()).start();
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw new IllegalStateException("could not start a PostgreSQL cluster with " + bin + ": " + e.getMessage(), e);
    }
    try {
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        if (!server.isAlive()) {
          throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + log());
        }
        return answers();
      });
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A cluster with {@code ssl = off}. */
  public static ThrowawayPostgresCluster withoutSsl() {
    return new ThrowawayPostgresCluster(Optional.empty());
  }

  /** A cluster with {@code ssl = on} that presents this certificate and refuses plain TCP connections. */
  public static ThrowawayPostgresCluster withSsl(TestCertificates.Issued serverCertificate) {
    return new ThrowawayPostgresCluster(Optional.of(new ServerTls(serverCertificate)));
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /**
   * A connection as the superuser, for the tests' own look at the server (not the code under test): encrypted but
   * unverified when SSL is on, plain otherwise.
   */
  public Connection connect(String database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", SUPERUSER);
    properties.setProperty("sslmode", ssl ? "require" : "disable");
    properties.setProperty("sslcert", "");
    properties.setProperty("sslkey", "");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  /** A new empty database named {@code <prefix>_<random>} (lower case letters, digits and underscores). */
  public String createDatabase(String prefix) {
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }

  /** The server's own log, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      if (server != null && server.isAlive()) {
        // Fast shutdown: SIGTERM would wait for every client (a worker's idle pool) to disconnect.
        runQuietly(List.of(bin.resolve("pg_ctl").toString(), "stop", "--pgdata=" + dir.resolve("data"),
            "--mode=fast", "--wait", "--timeout=30"));
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      delete(dir);
    }
  }

  private boolean answers() {
    try (Connection ignored = connect("postgres")) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private List<String> asOsUser(List<String> command) {
    if (!asOsUser) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private void run(List<String> command, String what) throws IOException {
    Path output = dir.resolve(what + ".log");
    Process process = new ProcessBuilder(asOsUser(command)).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish within 120 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(what + " failed with exit code " + process.exitValue() + ": "
          + Files.readString(output, StandardCharsets.UTF_8));
    }
  }

  private void runQuietly(List<String> command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(asOsUser(command)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.waitFor(40, TimeUnit.SECONDS);
    } catch (IOException e) {
      // destroyForcibly follows
    }
  }

  /** Files the server reads or writes must belong to the OS user it runs as. */
  private Path handOver(Path path) throws IOException {
    if (asOsUser) {
      UserPrincipal owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
      Files.setOwner(path, owner);
    }
    return path;
  }

  private static Path binaries() {
    String configured = System.getenv("NEO_TEST_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparingInt(ThrowawayPostgresCluster::majorVersion))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries (initdb, postgres) under "
              + root + "; install them (apt-get install postgresql) or set NEO_TEST_PG_BIN"));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL server binaries under " + root
          + "; install them (apt-get install postgresql) or set NEO_TEST_PG_BIN", e);
    }
  }

  private static int majorVersion(Path bin) {
    String name = bin.getParent().getFileName().toString();
    return name.matches("[0-9]+") ? Integer.parseInt(name) : 0;
  }

  private static void delete(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a temp directory
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }
}
