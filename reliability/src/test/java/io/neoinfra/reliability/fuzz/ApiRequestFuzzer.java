package io.neoinfra.reliability.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded generator of odd API requests: real and made-up paths with odd ids and query strings, every method, bodies
 * that are malformed, huge, mistyped or full of injection strings, and tokens that are missing, garbage, unsigned
 * ({@code alg: none}), re-signed, expired or valid. The same seed gives the same requests (valid tokens aside).
 */
final class ApiRequestFuzzer {

  /** One request to send. {@code authorization} and {@code contentType} may be null (header absent). */
  record FuzzedRequest(String method, String path, String authorization, String contentType, byte[] body) {
    String describe() {
      return method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path) + " (body "
          + (body == null ? 0 : body.length) + " bytes, content-type " + contentType + ")";
    }
  }

  /** The tokens the fuzzer chooses from; valid ones are issued fresh (they expire after minutes). */
  record Tokens(Supplier<String> admin, Supplier<String> reader, String expired) {}

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
      "TRACE");
  private static final List<String> PATHS = List.of("/api/v1/system/health", "/api/v1/auth/profile",
      "/api/v1/migrations/status", "/api/v1/migrations/dynamic", "/api/v1/migrations/executions",
      "/api/v1/migrations/executions/{id}", "/api/v1/migrations/executions/{id}/rollback/eligibility",
      "/api/v1/migrations/executions/{id}/rollback", "/api/v1/migrations/rollbacks/{id}",
      "/api/v1/databases/connections", "/api/v1/databases/connections/{id}",
      "/api/v1/databases/connections/{id}/health", "/api/v1/tenants", "/api/v1/tenants/{id}", "/api/v1/deadletters",
      "/actuator/health", "/actuator/prometheus", "/actuator/env", "/v3/api-docs", "/swagger-ui.html", "/", "/api",
      "/api/v1", "/api/v2/migrations/status", "/api/v1/migrations/executions/{id}/progress/../../status",
      "/api/v1/./migrations//status", "/api/v1/migrations/executions/{id}/{id}/{id}", "/error", "/favicon.ico");
  private static final List<String> ODD_IDS = List.of("%00", "..", "%2e%2e", "%2F", "%3B", ";jsessionid=1", "%25",
      "%C0%AE", "%FF%FE", "x".repeat(300), "%E2%80%AE", "%F0%9F%98%80", "null", "-1", "0", "9".repeat(40),
      "a%20b", "a+b", "%0d%0aX-Injected:%201", "%27%20OR%201=1--", "%3Cscript%3E", "$%7Bjndi:ldap://x%7D",
      "..%2F..%2Fetc%2Fpasswd", "CON", "~root", "%5C..%5C");
  private static final List<String> QUERIES = List.of("", "", "?limit=-1", "?limit=abc", "?limit=999999999999",
      "?limit=", "?search=%27%20OR%201=1--", "?search=" + "a".repeat(5000), "?cursor=garbage", "?cursor=%00",
      "?status=NOPE", "?status=", "?region=%3Cscript%3E", "?connection_type=x&connection_type=y", "?a=1&a=2&a=3",
      "?%00=%00", "?limit=1e3", "?error_class=%24%7Bjndi%7D");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
      "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=xyz", "application/json; charset=ISO-2022-KR", "application/problem+json",
      "*/*", "application/json;;;", "garbage");

  private final Random random;
  private final Tokens tokens;

  ApiRequestFuzzer(long seed, Tokens tokens) {
    this.random = new Random(seed);
    this.tokens = tokens;
  }

  List<FuzzedRequest> requests(int count) {
    List<FuzzedRequest> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      requests.add(request());
    }
    return requests;
  }

  private FuzzedRequest request() {
    String method = pick(METHODS);
    String path = pick(PATHS);
    while (path.contains("{id}")) {
      path = path.replaceFirst("\\{id}", java.util.regex.Matcher.quoteReplacement(id()));
    }
    path += pick(QUERIES);
    boolean withBody = List.of("POST", "PUT", "PATCH").contains(method) || random.nextInt(10) == 0;
    byte[] body = withBody ? body() : null;
    String contentType = withBody || random.nextInt(5) == 0 ? pick(CONTENT_TYPES) : null;
    return new FuzzedRequest(method, path, authorization(), contentType, body);
  }

  private String id() {
    return switch (random.nextInt(4)) {
      case 0 -> java.util.UUID.randomUUID().toString();
      case 1 -> "exec-" + random.nextInt(1000);
      default -> pick(ODD_IDS);
    };
  }

  /** Valid tokens in a third of the requests (so that bodies reach the handlers), broken ones otherwise. */
  private String authorization() {
    return switch (random.nextInt(15)) {
      case 0, 1, 2 -> "Bearer " + tokens.admin().get();
      case 3, 4 -> "Bearer " + tokens.reader().get();
      case 5 -> null;
      case 6 -> "Bearer " + tokens.expired();
      case 7 -> "Bearer " + algNone(tokens.admin().get());
      case 8 -> "Bearer " + resigned(tokens.admin().get());
      case 9 -> "Bearer " + base64(randomBytes(1 + random.nextInt(300)));
      case 10 -> "Bearer " + base64(randomBytes(20)) + "." + base64(randomBytes(40)) + "." + base64(randomBytes(30));
      case 11 -> "Basic " + base64("admin:admin".getBytes(StandardCharsets.UTF_8));
      case 12 -> "Bearer ";
      case 13 -> "Bearer " + "a".repeat(10_000);
      default -> "Bearer " + pick(LifecycleFuzzer.INJECTIONS).replaceAll("[\\r\\n\\u0000]", "");
    };
  }

  /** The same claims with {@code alg: none} and no signature: must never be accepted. */
  private static String algNone(String token) {
    String[] parts = token.split("\\.");
    return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
  }

  /** The same header and claims with a signature that is not the issuer's. */
  private String resigned(String token) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + parts[1] + "." + base64(randomBytes(256));
  }

  private byte[] body() {
    String text = switch (random.nextInt(9)) {
      case 0 -> "{\"scope\":\"ALL\",";
      case 1 -> "{\"scope\":" + random.nextInt() + ",\"target_version\":[1,2],\"dry_run\":\"maybe\"}";
      case 2 -> "{\"database_id\":\"" + escape(pick(LifecycleFuzzer.INJECTIONS)) + "\",\"database_name\":\""
          + escape(pick(LifecycleFuzzer.INJECTIONS)) + "\",\"connection_type\":\"dedicated\",\"username\":\"u\","
          + "\"password\":\"" + escape(pick(LifecycleFuzzer.INJECTIONS)) + "\",\"port\":99999}";
      case 3 -> "{\"tenant_id\":\"" + escape(pick(LifecycleFuzzer.INJECTIONS)) + "\",\"region\":{\"$ne\":null}}";
      case 4 -> "[" + "{\"a\":".repeat(500);
      case 5 -> "{\"scope\":\"TENANT\",\"target_databases\":[" + "\"x\",".repeat(2000) + "\"x\"],"
          + "\"rollout_policy\":{\"max_parallel\":-5,\"failure_threshold_percent\":1000}}";
      case 6 -> huge();
      case 7 -> "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
      default -> new String(randomBytes(random.nextInt(4096)), StandardCharsets.ISO_8859_1);
    };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Rare (1 in 20 bodies of this kind): half a MiB to 3 MiB of JSON. */
  private String huge() {
    if (random.nextInt(20) != 0) {
      return "{\"strategy\":\"flyway_undo\",\"dry_run\":\"" + "y".repeat(10_000 + random.nextInt(50_000)) + "\"}";
    }
    return "{\"scope\":\"ALL\",\"target_version\":\"" + "9".repeat(512 * 1024 + random.nextInt(2560 * 1024)) + "\"}";
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String escape(String value) {
    return LifecycleFuzzer.escape(value);
  }
}
