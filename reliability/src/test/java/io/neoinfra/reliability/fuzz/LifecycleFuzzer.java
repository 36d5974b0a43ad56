package io.neoinfra.reliability.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded generator of malformed lifecycle records: the same seed gives the same records. Every record is built to be
 * invalid in one known way (a random mutation could turn out valid; these cannot), so every one must be dead-lettered.
 * No library: jqwik and friends generate values for properties, not Kafka records with a reason attached.
 */
final class LifecycleFuzzer {

  static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE flyway_schema_history; --",
      "\"; DROP SCHEMA public CASCADE; --", "${jndi:ldap://127.0.0.1:1/a}", "<script>alert(1)</script>",
      "../../../../etc/passwd", "%00", "\u0000", "$(rm -rf /)", "`id`", "{{7*7}}", "#{7*7}", "\r\nX-Injected: 1",
      "\uD83D\uDE00\u202E\uFEFF", "admin'--", "1;SELECT pg_sleep(10)", "\\u0000", "%s%s%s%n");
  private static final List<String> TYPES = List.of("database.created", "database.updated", "database.deleted",
      "tenant.created", "tenant.deleted", "migration.requested", "rollback.requested");

  private final Random random;
  private final String runId;

  LifecycleFuzzer(long seed) {
    this.random = new Random(seed);
    this.runId = "fz" + Long.toHexString(seed & 0xffffffL);
  }

  String keyPrefix() {
    return runId + "-";
  }

  List<FuzzedRecord> records(int count) {
    List<FuzzedRecord> records = new ArrayList<>(count);
    List<FuzzedRecord.Kind> common = java.util.Arrays.stream(FuzzedRecord.Kind.values())
        .filter(k -> k != FuzzedRecord.Kind.HUGE_VALUES).toList();
    for (int i = 0; i < count; i++) {
      // huge values are rare (1 %): up to 512 KiB each, written twice (record and dead letter) on a shared machine
      FuzzedRecord.Kind kind = random.nextInt(100) == 0 ? FuzzedRecord.Kind.HUGE_VALUES
          : common.get(random.nextInt(common.size()));
      records.add(record(kind, keyPrefix() + i));
    }
    return records;
  }

  private FuzzedRecord record(FuzzedRecord.Kind kind, String key) {
    String type = TYPES.get(random.nextInt(TYPES.size()));
    return switch (kind) {
      case MALFORMED_JSON -> new FuzzedRecord(kind, key, headers(type), utf8(malformedJson()));
      case TRAILING_GARBAGE -> new FuzzedRecord(kind, key, headers("database.deleted"),
          utf8("{\"database_id\":\"db-" + random.nextInt(1000) + "\",\"unknown\":1}"
              + "}".repeat(1 + random.nextInt(3))));
      case WRONG_TYPES -> new FuzzedRecord(kind, key, headers("database.created"), utf8(wrongTypes()));
      case MISSING_FIELDS -> new FuzzedRecord(kind, key, headers(type), utf8(missingFields(type)));
      case UNKNOWN_FIELDS -> new FuzzedRecord(kind, key, headers("tenant.created"),
          utf8("{\"tenant_id\":\"t1\",\"region\":\"eu-1\",\"" + word() + "_extra\":" + random.nextInt() + "}"));
      case INJECTION_STRINGS -> new FuzzedRecord(kind, key, headers("database.created"), utf8(injection()));
      case HUGE_VALUES -> new FuzzedRecord(kind, key, headers("database.created"), utf8(huge()));
      case WRONG_SHAPE -> new FuzzedRecord(kind, key, headers(type), utf8(List.of("[]", "[1,2,3]", "42", "\"text\"",
          "null", "true", "[{\"tenant_id\":\"t\"}]", "-0.5e300").get(random.nextInt(8))));
      case EMPTY_PAYLOAD -> new FuzzedRecord(kind, key, headers(type), new byte[0]);
      case NO_HEADERS -> new FuzzedRecord(kind, key, Map.of(), utf8(validTenant()));
      case BAD_SPEC_VERSION -> {
        Map<String, byte[]> headers = headers("tenant.created");
        headers.put("ce_specversion", utf8(List.of("9.9", "", "1.0.0", "v1", "0.1").get(random.nextInt(5))));
        yield new FuzzedRecord(kind, key, headers, utf8(validTenant()));
      }
      case MISSING_CE_ID -> {
        Map<String, byte[]> headers = headers("tenant.created");
        headers.remove(List.of("ce_id", "ce_source", "ce_type").get(random.nextInt(3)));
        yield new FuzzedRecord(kind, key, headers, utf8(validTenant()));
      }
      case UNKNOWN_TYPE -> {
        Map<String, byte[]> headers = headers("tenant.created");
        headers.put("ce_type", utf8(List.of("io.neoinfra.tenant.exploded", "", "com.example.other",
            INJECTIONS.get(random.nextInt(INJECTIONS.size())), "io.neoinfra.TENANT.CREATED").get(random.nextInt(5))));
        yield new FuzzedRecord(kind, key, headers, utf8(validTenant()));
      }
      case WRONG_CONTENT_TYPE -> {
        Map<String, byte[]> headers = headers("tenant.created");
        headers.put("content-type", utf8(List.of("text/plain", "application/xml", "application/avro",
            "image/png", "multipart/form-data").get(random.nextInt(5))));
        yield new FuzzedRecord(kind, key, headers, utf8(validTenant()));
      }
      case BINARY_GARBAGE -> new FuzzedRecord(kind, key, headers(type), garbage());
      case BINARY_GARBAGE_HEADERS -> {
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", garbage());
        headers.put("ce_type", garbage());
        headers.put(word(), garbage());
        yield new FuzzedRecord(kind, key, headers, garbage());
      }
    };
  }

  private Map<String, byte[]> headers(String type) {
    Map<String, byte[]> headers = new HashMap<>();
    headers.put("ce_specversion", utf8("1.0"));
    headers.put("ce_id", utf8(UUID.nameUUIDFromBytes(utf8(runId + random.nextLong())).toString()));
    headers.put("ce_source", utf8("/reliability-fuzz"));
    headers.put("ce_type", utf8("io.neoinfra." + type));
    headers.put("content-type", utf8("application/json"));
    return headers;
  }

  private String validTenant() {
    return "{\"tenant_id\":\"" + runId + "-ok" + random.nextInt(1000) + "\",\"region\":\"fuzz-nowhere\","
        + "\"auto_migrate\":false}";
  }

  private String malformedJson() {
    String whole = "{\"database_id\":\"db-" + random.nextInt(1000) + "\",\"database_name\":\"x\",\"username\":\"u\"}";
    return switch (random.nextInt(5)) {
      case 0 -> whole.substring(0, 1 + random.nextInt(whole.length() - 2)); // truncated
      case 1 -> whole.replace(":", random.nextBoolean() ? "=" : " ");
      case 2 -> "{'database_id': 'single-quotes'}";
      case 3 -> "{\"a\":" + "[".repeat(2000 + random.nextInt(5000)); // deeply nested and unterminated
      default -> "\uFEFF{\"tenant_id\":\"t\",}";
    };
  }

  private String wrongTypes() {
    String base = "\"database_id\":\"db1\",\"database_name\":\"n\",\"connection_type\":\"dedicated\",\"username\":\"u\"";
    return switch (random.nextInt(6)) {
      case 0 -> "{" + base + ",\"port\":\"" + escape(INJECTIONS.get(random.nextInt(INJECTIONS.size()))) + "\"}";
      case 1 -> "{" + base + ",\"auto_migrate\":\"yes\"}";
      case 2 -> "{" + base + ",\"port\":-" + (1 + random.nextInt(100000)) + "}";
      case 3 -> "{\"database_id\":" + random.nextInt() + ",\"database_name\":\"n\",\"connection_type\":\"dedicated\","
          + "\"username\":\"u\"}";
      case 4 -> "{" + base + ",\"migration_timeout\":" + random.nextDouble() + "}";
      default -> "{" + base.replace("\"dedicated\"", "[\"dedicated\"]") + "}";
    };
  }

  private String missingFields(String type) {
    return switch (type) {
      case "tenant.created" -> "{\"region\":\"eu-1\"}";
      case "tenant.deleted" -> "{}";
      case "database.created", "database.updated" -> "{\"database_id\":\"db1\",\"connection_type\":\"shared\"}";
      case "database.deleted" -> "{\"reason\":\"gone\"}";
      case "migration.requested" -> "{\"scope\":\"ALL\"}";
      default -> "{\"dry_run\":true}";
    };
  }

  private String injection() {
    String value = escape(INJECTIONS.get(random.nextInt(INJECTIONS.size())));
    // identifiers have a pattern, so every injection string breaks the schema
    return "{\"database_id\":\"" + value + "\",\"database_name\":\"n\",\"connection_type\":\"dedicated\","
        + "\"username\":\"u\"}";
  }

  private String huge() {
    int size = 64 * 1024 + random.nextInt(448 * 1024);
    return "{\"database_id\":\"db-huge\",\"database_name\":\"" + "n".repeat(size) + "\",\"connection_type\":"
        + "\"dedicated\",\"username\":\"u\"}";
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + random.nextInt(2048)];
    random.nextBytes(bytes);
    bytes[0] = (byte) (0x80 | bytes[0]); // never a JSON start: garbage must not parse by luck
    return bytes;
  }

  private String word() {
    return Long.toString(Math.abs(random.nextLong() % 100000), 36);
  }

  /** A JSON string body for {@code value}: the record must be well-formed JSON that breaks the schema, nothing else. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000").replace("\r", "\\r")
        .replace("\n", "\\n");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
