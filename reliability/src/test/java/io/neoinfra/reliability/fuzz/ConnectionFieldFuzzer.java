package io.neoinfra.reliability.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.events.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of database registrations with one hostile connection field each ({@code host},
 * {@code database_name}, {@code username} or {@code port}): URL syntax, {@code ;}, {@code ?}, {@code &}, quotes,
 * unicode, NUL and other control characters, very long values, IPv6 literals, and H2 {@code INIT=} scripts that would
 * write a marker file if anything ever ran them. The other fields are valid, so a refusal can only be for the fuzzed
 * one. The same seed gives the same registrations; each has its own {@code database_id}.
 */
final class ConnectionFieldFuzzer {

  /** The fields fuzzed, as the JSON bodies and events name them. */
  static final List<String> FIELDS = List.of("host", "database_name", "username", "port");

  /**
   * One registration (a JSON object, the same for the API and for a {@code database.created} event).
   *
   * @param databaseId its unique id
   * @param field the fuzzed field
   * @param body the JSON
   * @param mayBeAccepted whether the platform's connection rules accept it (an IPv6 literal as host, a user name with @);
   *     everything else must be refused, naming {@code field}
   */
  record Registration(String databaseId, String field, String body, boolean mayBeAccepted) {
    String describe() {
      String shown = body.length() > 200 ? body.substring(0, 200) + "…(" + body.length() + " chars)" : body;
      return databaseId + " " + field + " " + shown.replaceAll("\\p{Cntrl}", "?");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> URL_SYNTAX = List.of("db.example.com:5432/other?user=admin",
      "jdbc:postgresql://127.0.0.1:1/x", "//127.0.0.1:5432/postgres", "127.0.0.1/postgres", "admin@127.0.0.1",
      "127.0.0.1#frag", "127.0.0.1:5432", "postgres?sslmode=disable", "x?socketFactory=java.io.File&socketFactoryArg=/tmp",
      "x&loggerFile=/tmp/neo-fuzz.log", "%2F%2Fevil", "file:/etc/passwd", "x;DB_CLOSE_DELAY=-1", "a;b", "a?b", "a&b",
      ";", "?", "&", "a=b");
  private static final List<String> QUOTES = List.of("'", "\"", "a'b", "a\"b", "`id`", "' OR '1'='1", "x\\\"y");
  private static final List<String> CONTROL = List.of("a\u0000b", "\u0000", "a\r\nb", "a\tb", "\u202Eevil",
      "a\uFEFFb", "a\u0007b", "\u001B[31m");
  private static final List<String> UNICODE = List.of("ünïcödé", "数据库", "база", "\uD83D\uDE00");
  private static final List<String> IPV6 = List.of("::1", "[::1]", "[::1]:5432", "fe80::1%eth0", "2001:db8::1",
      "::ffff:127.0.0.1", "[2001:db8::1]:1");
  private static final List<Object> PORTS = List.of("5432;", "5432?x", "5432&x", "\"5432\"", "[::1]", " 5432",
      "5432 ", "0x1538", "5432/db", -1, 0, 65536, 99_999_999_999L, 3.5, "", "\u0000", "::1");

  private final Random random;
  private final String runId;
  private final Path markerDir;

  ConnectionFieldFuzzer(long seed, String channel, Path markerDir) {
    this.random = new Random(seed ^ channel.hashCode());
    this.runId = "cf" + channel + Long.toHexString(seed & 0xffffffL);
    this.markerDir = markerDir;
  }

  String idPrefix() {
    return runId + "-";
  }

  List<Registration> registrations(int count) {
    List<Registration> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(registration(idPrefix() + i));
    }
    return out;
  }

  private Registration registration(String databaseId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("database_id", databaseId);
    body.put("database_name", "fuzz_db");
    body.put("connection_type", "dedicated");
    body.put("engine", "postgresql");
    body.put("host", "127.0.0.1");
    body.put("port", 5432);
    body.put("username", "fuzz");
    body.put("auto_migrate", false);
    // One in 20 is an H2 INIT script in the database name, with auto-migration: the worker would run it on connect.
    if (random.nextInt(20) == 0) {
      Path marker = markerDir.resolve(databaseId);
      body.put("engine", "h2");
      body.remove("host");
      body.remove("port");
      body.put("auto_migrate", true);
      body.put("database_name", List.of("mem:", "file:", "").get(random.nextInt(3)) + databaseId
          + ";INIT=CALL FILE_WRITE(X'61', '" + marker + "')");
      return new Registration(databaseId, "database_name", body.toString(), false);
    }
    String field = FIELDS.get(random.nextInt(FIELDS.size()));
    if (field.equals("port")) {
      Object port = PORTS.get(random.nextInt(PORTS.size()));
      if (port instanceof String text) {
        body.put("port", text);
      } else if (port instanceof Double d) {
        body.put("port", d);
      } else {
        body.put("port", ((Number) port).longValue());
      }
      return new Registration(databaseId, field, body.toString(), false);
    }
    int family = random.nextInt(6);
    String value = switch (family) {
      case 0 -> pick(URL_SYNTAX);
      case 1 -> pick(QUOTES);
      case 2 -> pick(CONTROL);
      case 3 -> pick(UNICODE);
      case 4 -> pick(IPV6);
      default -> "a".repeat(300 + random.nextInt(70_000));
    };
    body.put(field, value);
    // The platform's own rule is the oracle: a value it accepts is a plain value (an IPv6 literal as host, a user
    // name such as admin@host) that reaches the driver as a property, never as URL text; every other value must be
    // refused with its reason.
    boolean mayBeAccepted = ConnectionRules.check(Engine.POSTGRESQL, body.path("host").asText(), 5432,
        body.path("database_name").asText(), null, body.path("username").asText()) instanceof ConnectionCheck.Valid;
    return new Registration(databaseId, field, body.toString(), mayBeAccepted);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
