package io.neoinfra.worker.connections;

import io.neoinfra.schemas.connection.ConnectionPolicy;
import io.neoinfra.schemas.connection.NetworkPolicy;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What this worker may connect to: embedded engines (H2) on or off and where their files live, and the networks
 * targets may live in.
 *
 * @param embeddedEngines H2 targets allowed (default off; the dev stack turns it on)
 * @param embeddedDataDir H2 databases are files {@code <dir>/<database_name>} here; empty: in memory for the JVM's life
 * @param network networks targets may live in and those they may not
 */
public record TargetAccess(boolean embeddedEngines, Optional<Path> embeddedDataDir, NetworkPolicy network) {

  public TargetAccess {
    embeddedDataDir = embeddedDataDir == null ? Optional.empty() : embeddedDataDir;
    Objects.requireNonNull(network, "network");
    // The directory becomes part of an H2 URL, where ';' starts a setting.
    if (embeddedDataDir.map(dir -> dir.toString().contains(";")).orElse(false)) {
      throw new IllegalArgumentException("the embedded data directory must not contain ';'");
    }
  }

  public static TargetAccess defaults() {
    return new TargetAccess(false, Optional.empty(), NetworkPolicy.defaults());
  }

  public ConnectionPolicy policy() {
    return new ConnectionPolicy(embeddedEngines, network);
  }
}
