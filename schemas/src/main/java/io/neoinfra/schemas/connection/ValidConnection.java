package io.neoinfra.schemas.connection;

import io.neoinfra.schemas.events.Engine;
import java.util.Optional;

/**
 * Connection fields that passed {@link ConnectionRules}: the only form in which they reach a driver.
 *
 * @param host empty for an embedded engine
 * @param port the given port or the engine's default
 * @param schema a tenant schema inside the database, or null
 */
public record ValidConnection(
    Engine engine, Optional<TargetHost> host, int port, String databaseName, String schema, String username) {

  public boolean embedded() {
    return engine == Engine.H2;
  }
}
