package io.neoinfra.worker.connections;

import io.neoinfra.schemas.tasks.TargetConnection;

/** The JDBC URL of a target's database (never of a schema: schemas share their database's pool). */
public final class JdbcUrls {

  private JdbcUrls() {}

  public static String of(TargetConnection target) {
    int port = target.port() == null ? target.engine().defaultPort() : target.port();
    return switch (target.engine()) {
      case POSTGRESQL -> "jdbc:postgresql://" + target.host() + ":" + port + "/" + target.databaseName();
      // The MariaDB driver speaks to MySQL servers as well; only one driver is shipped.
      case MARIADB, MYSQL -> "jdbc:mariadb://" + target.host() + ":" + port + "/" + target.databaseName();
      // For H2 the database name is the H2 location: "mem:demo;DB_CLOSE_DELAY=-1", "file:/data/demo" or a path.
      case H2 -> "jdbc:h2:" + (target.databaseName().matches("^(mem|file|tcp|ssl|zip):.*")
          ? target.databaseName() : "file:" + target.databaseName());
    };
  }

  /** The circuit-breaker key: one breaker per database server. */
  public static String hostKey(TargetConnection target) {
    return switch (target.engine()) {
      case H2 -> "h2:" + target.databaseName();
      default -> target.host() + ":" + (target.port() == null ? target.engine().defaultPort() : target.port());
    };
  }
}
