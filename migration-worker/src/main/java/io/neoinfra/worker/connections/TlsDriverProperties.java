package io.neoinfra.worker.connections;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.failure.TaskFailureException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's {@code tls} as JDBC driver properties: pgjdbc's {@code sslmode}/{@code sslrootcert} and MariaDB
 * Connector/J 3's {@code sslMode}/{@code serverSslCert}. Trust bundle names are looked up in the worker's
 * {@link TrustBundles}; a connection without {@code tls} gets the worker's default mode, and with no default either,
 * no property at all (the driver's own default, as before TLS settings existed).
 */
public final class TlsDriverProperties {

  /** pgjdbc: the JVM's default trust store instead of {@code ~/.postgresql/root.crt}. */
  static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

  private final TrustBundles bundles;
  private final Optional<TlsMode> defaultMode;

  public TlsDriverProperties(TrustBundles bundles, Optional<TlsMode> defaultMode) {
    this.bundles = Objects.requireNonNull(bundles);
    this.defaultMode = Objects.requireNonNull(defaultMode);
  }

  /**
   * The properties for this target.
   *
   * @throws TaskFailureException {@link FailureKind#TLS_FAILED} for a trust bundle this worker does not know, or TLS
   *     asked of an H2 target
   */
  public Map<String, String> forTarget(TargetConnection target) {
    TlsSettings tls = target.tls();
    if (tls == null) {
      // The default is for network connections; an H2 target is opened in process.
      if (defaultMode.isEmpty() || target.engine() == Engine.H2) {
        return Map.of();
      }
      tls = TlsSettings.of(defaultMode.get());
    }
    Optional<Path> caFile = Optional.empty();
    if (tls.trustBundle() != null) {
      caFile = bundles.file(tls.trustBundle());
      if (caFile.isEmpty()) {
        throw new TaskFailureException(FailureKind.TLS_FAILED, "trust bundle '" + tls.trustBundle()
            + "' is not known to this worker; known: " + bundles.files().keySet().stream().sorted().toList()
            + " (NEO_WORKER_TLS_TRUST_BUNDLES)");
      }
    }
    if (target.engine() == Engine.H2) {
      if (tls.mode() == TlsMode.DISABLE) {
        return Map.of();
      }
      throw new TaskFailureException(FailureKind.TLS_FAILED,
          "tls mode " + tls.mode().wireName() + " cannot apply to an h2 target: the worker opens it in process");
    }
    return of(target.engine(), tls.mode(), caFile);
  }

  /** The driver properties of a mode and an optional CA file, for a PostgreSQL, MariaDB or MySQL target. */
  static Map<String, String> of(Engine engine, TlsMode mode, Optional<Path> caFile) {
    Map<String, String> properties = new LinkedHashMap<>();
    switch (engine) {
      case POSTGRESQL -> {
        properties.put("sslmode", mode.wireName());
        if (mode != TlsMode.DISABLE) {
          if (mode.verifiesCertificate() && caFile.isEmpty()) {
            properties.put("sslfactory", JVM_TRUST_FACTORY);
          } else {
            caFile.ifPresent(file -> properties.put("sslrootcert", file.toString()));
            // Empty, not absent: otherwise pgjdbc offers ~/.postgresql/postgresql.crt and .pk8 of the worker's user
            // as a client certificate to any server that asks.
            properties.put("sslcert", "");
            properties.put("sslkey", "");
          }
        }
      }
      case MARIADB, MYSQL -> {
        properties.put("sslMode", switch (mode) {
          case DISABLE -> "disable";
          case REQUIRE -> "trust";
          case VERIFY_CA -> "verify-ca";
          case VERIFY_FULL -> "verify-full";
        });
        // Without it, Connector/J verifies against the JVM's default trust store.
        caFile.ifPresent(file -> properties.put("serverSslCert", file.toString()));
      }
      case H2 -> throw new IllegalArgumentException("h2 has no TLS");
    }
    return Map.copyOf(properties);
  }
}
