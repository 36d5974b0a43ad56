package io.neoinfra.worker.connections;

import com.zaxxer.hikari.HikariConfig;
import io.neoinfra.schemas.connection.DriverProperties;
import io.neoinfra.schemas.connection.DriverTarget;
import io.neoinfra.schemas.connection.ValidConnection;
import java.time.Duration;

/**
 * The pool configuration of a target's database, built from validated fields only: the URL holds scheme, host, port
 * and database name, every other driver option comes from {@link DriverProperties} (the platform's explicit list,
 * with the socket factory that checks the resolved address against the network policy).
 */
public final class TargetDataSources {

  private static final String APPLICATION_NAME = "neo-migration-worker";

  private final DriverProperties driver;

  public TargetDataSources(TargetAccess access, Duration connectionTimeout) {
    // No socket timeout: a migration statement may legitimately run for as long as the task's own timeout allows,
    // and the task watchdog cancels it then.
    this.driver = new DriverProperties(connectionTimeout, Duration.ZERO, APPLICATION_NAME, access.network(),
        access.embeddedDataDir());
  }

  /** A pool configuration whose driver sees only validated values and the platform's own options. */
  public HikariConfig configure(ValidConnection connection, String password) {
    DriverTarget target = driver.forTarget(connection, password);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.url());
    // Hikari passes these to Driver.connect(url, properties) as they are, user and password included.
    config.setDataSourceProperties(target.properties());
    return config;
  }
}
