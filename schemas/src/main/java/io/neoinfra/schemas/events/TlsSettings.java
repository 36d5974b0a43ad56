package io.neoinfra.schemas.events;

import java.util.Objects;

/**
 * The {@code tls} object of a connection: the mode and, for the verifying modes, the name of a trust bundle (a set
 * of CA certificates). The name is never a path: each worker maps names to CA files through its own setting
 * ({@code NEO_WORKER_TLS_TRUST_BUNDLES}), so a publisher cannot make a worker read a file of its choosing. Without a
 * trust bundle the verifying modes use the worker JVM's default trust store.
 *
 * @param mode required
 * @param trustBundle optional; only with {@link TlsMode#VERIFY_CA} or {@link TlsMode#VERIFY_FULL}
 */
public record TlsSettings(TlsMode mode, String trustBundle) {

  public TlsSettings {
    Objects.requireNonNull(mode, "tls mode");
  }

  public static TlsSettings of(TlsMode mode) {
    return new TlsSettings(mode, null);
  }
}
