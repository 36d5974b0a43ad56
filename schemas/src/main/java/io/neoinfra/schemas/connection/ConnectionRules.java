package io.neoinfra.schemas.connection;

import io.neoinfra.schemas.events.DatabaseConnectionFields;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform's one rule for connection fields; every entry (gateway, processor, worker, health check) applies it.
 * Fields are values handed to a driver, never URL text, so the rule is conservative on purpose:
 *
 * <ul>
 *   <li>database name: {@value #NAME_PATTERN}; at most 63 characters on PostgreSQL and H2 (PostgreSQL's
 *       {@code NAMEDATALEN} - 1 bytes; the pattern is ASCII, so characters are bytes), 64 on MariaDB and MySQL;</li>
 *   <li>user: {@value #USER_PATTERN} (dots and {@code @} for names such as {@code app@server}); at most 63 characters
 *       on PostgreSQL and H2, 80 on MariaDB (since 10.6), 32 on MySQL;</li>
 *   <li>schema: {@value #SCHEMA_PATTERN} (the platform creates and quotes tenant schemas), at most 63;</li>
 *   <li>host: a host name of RFC 1123 labels (at most 253 characters, last label not all digits) or an IPv4 or IPv6
 *       literal; required except for embedded engines, whose host and port are ignored;</li>
 *   <li>port: 1 to 65535, the engine's default when absent.</li>
 * </ul>
 *
 * <p>None of {@code ; ? & / \ : = % '} or spaces fits a name, so nothing a caller sends can become a driver
 * parameter, an H2 setting ({@code INIT=…}) or a path. The JSON Schemas carry the same patterns for producers in
 * other languages.
 */
public final class ConnectionRules {

  public static final String NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_$-]*$";
  public static final String USER_PATTERN = "^[A-Za-z_][A-Za-z0-9_.@$-]*$";
  public static final String SCHEMA_PATTERN = "^[a-z_][a-z0-9_]*$";
  public static final int SCHEMA_MAX_LENGTH = 63;

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Pattern USER = Pattern.compile(USER_PATTERN);
  private static final Pattern SCHEMA = Pattern.compile(SCHEMA_PATTERN);

  private ConnectionRules() {}

  public static ConnectionCheck check(DatabaseConnectionFields event) {
    return check(event.engine(), event.host(), event.port(), event.databaseName(), null, event.username());
  }

  public static ConnectionCheck check(DatabaseRecord record) {
    return check(record.engine(), record.host(), record.port(), record.databaseName(), null, record.username());
  }

  public static ConnectionCheck check(TargetConnection target) {
    return check(target.engine(), target.host(), target.port(), target.databaseName(), target.schema(),
        target.username());
  }

  /** {@code engine} null means PostgreSQL (the contracts' default). */
  public static ConnectionCheck check(Engine engine, String host, Integer port, String databaseName, String schema,
      String username) {
    Engine actual = engine == null ? Engine.POSTGRESQL : engine;
    List<ConnectionFailure> failures = new ArrayList<>();
    Optional<TargetHost> parsedHost = Optional.empty();
    if (host == null || host.isEmpty()) {
      if (actual != Engine.H2) {
        failures.add(new ConnectionFailure.Missing(ConnectionField.HOST));
      }
    } else {
      parsedHost = TargetHost.parse(host);
      if (parsedHost.isEmpty()) {
        failures.add(new ConnectionFailure.NotAHost(ConnectionField.HOST));
      }
    }
    if (port != null && (port < 1 || port > 65535)) {
      failures.add(new ConnectionFailure.PortOutOfRange(ConnectionField.PORT));
    }
    name(ConnectionField.DATABASE_NAME, databaseName, NAME, NAME_PATTERN, databaseMaxLength(actual), true, failures);
    name(ConnectionField.USERNAME, username, USER, USER_PATTERN, userMaxLength(actual), true, failures);
    name(ConnectionField.SCHEMA, schema, SCHEMA, SCHEMA_PATTERN, SCHEMA_MAX_LENGTH, false, failures);
    if (!failures.isEmpty()) {
      return new ConnectionCheck.Invalid(failures);
    }
    int effectivePort = port == null ? actual.defaultPort() : port;
    return new ConnectionCheck.Valid(new ValidConnection(actual, actual == Engine.H2 ? Optional.empty() : parsedHost,
        effectivePort, databaseName, schema, username));
  }

  public static int databaseMaxLength(Engine engine) {
    return switch (engine) {
      case POSTGRESQL, H2 -> 63;
      case MARIADB, MYSQL -> 64;
    };
  }

  public static int userMaxLength(Engine engine) {
    return switch (engine) {
      case POSTGRESQL, H2 -> 63;
      case MARIADB -> 80;
      case MYSQL -> 32;
    };
  }

  private static void name(ConnectionField field, String value, Pattern pattern, String patternText, int maxLength,
      boolean required, List<ConnectionFailure> failures) {
    if (value == null || value.isEmpty()) {
      if (required) {
        failures.add(new ConnectionFailure.Missing(field));
      }
      return;
    }
    if (!pattern.matcher(value).matches()) {
      failures.add(new ConnectionFailure.NotAnIdentifier(field, patternText));
    } else if (value.length() > maxLength) {
      failures.add(new ConnectionFailure.TooLong(field, maxLength));
    }
  }
}
