package io.neoinfra.admin.keycloak;

import static org.awaitility.Awaitility.await;

import io.neoinfra.testsupport.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak server for the integration stage: the distribution zip Maven fetched from Maven Central
 * ({@code org.keycloak:keycloak-quarkus-dist}) is unpacked once into {@code ~/.cache/neo/} and started in dev mode
 * with an in-memory database on free loopback ports. If it cannot start, the test fails with the reason and the log.
 */
final class KeycloakServer implements AutoCloseable {

  static final String ADMIN_USER = "admin";

  private final Process process;
  private final String baseUrl;
  private final String adminPassword;
  private final Path log;

  private KeycloakServer(Process process, String baseUrl, String adminPassword, Path log) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.adminPassword = adminPassword;
    this.log = log;
  }

  static KeycloakServer start() throws IOException {
    Path home = unpacked();
    int httpPort = FreePorts.next();
    int managementPort = FreePorts.next();
    String adminPassword = UUID.randomUUID().toString();
    Path log = Files.createTempFile("keycloak-", ".log");
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
        "--db=dev-mem", "--cache=local")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
    builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m");
    KeycloakServer server = new KeycloakServer(builder.start(), "http://127.0.0.1:" + httpPort, adminPassword, log);
    try {
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        if (!server.process.isAlive()) {
          throw new IllegalStateException("Keycloak exited with " + server.process.exitValue() + ":\n" + server.tail());
        }
        try {
          return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/realms/master")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
          return false;
        }
      });
    } catch (RuntimeException e) {
      String tail = server.tail();
      server.close();
      throw new IllegalStateException("Keycloak did not start: " + e.getMessage() + "\n" + tail, e);
    }
    return server;
  }

  String baseUrl() {
    return baseUrl;
  }

  String adminPassword() {
    return adminPassword;
  }

  String tail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The distribution, unpacked once per version into ~/.cache/neo (about 200 MB; later runs reuse it). */
  private static Path unpacked() throws IOException {
    String version = System.getProperty("keycloak.dist.version");
    Path zip = Path.of(System.getProperty("keycloak.dist.zip", ""));
    if (version == null || !Files.isRegularFile(zip)) {
      throw new IllegalStateException("the Keycloak distribution is missing (" + zip + "): run through Maven, which "
          + "fetches org.keycloak:keycloak-quarkus-dist:" + version + ":zip from Maven Central");
    }
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "neo");
    Path home = cache.resolve("keycloak-" + version);
    if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
      return home;
    }
    Files.createDirectories(cache);
    Path staging = Files.createTempDirectory(cache, "keycloak-unpack-");
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        Path target = staging.resolve(entry.getName()).normalize();
        if (!target.startsWith(staging)) {
          throw new IOException("zip entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          copy(in, target);
        }
      }
    }
    Path root;
    try (var children = Files.list(staging)) {
      root = children.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException("empty distribution"));
    }
    try (var scripts = Files.list(root.resolve("bin"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    try {
      Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
        throw e;
      }
    }
    return home;
  }

  private static void copy(InputStream in, Path target) throws IOException {
    try (var out = Files.newOutputStream(target)) {
      in.transferTo(out);
    }
  }

}
