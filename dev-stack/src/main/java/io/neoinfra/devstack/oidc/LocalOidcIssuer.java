package io.neoinfra.devstack.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A small OpenID Connect issuer for local use: discovery, JWKS and a token endpoint for the client-credentials grant,
 * issuing RS256 JWTs shaped like Keycloak's (roles under {@code realm_access.roles}). It checks client secrets. It is
 * for the dev stack only: production uses Keycloak.
 */
public final class LocalOidcIssuer implements AutoCloseable {

  private final LocalOidcSettings settings;
  private final RSAKey signingKey;
  private final Map<String, OidcClient> clients = new HashMap<>();
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;

  private LocalOidcIssuer(LocalOidcSettings settings, RSAKey signingKey, Clock clock) throws IOException {
    this.settings = settings;
    this.signingKey = signingKey;
    this.clock = clock;
    settings.clients().forEach(c -> clients.put(c.clientId(), c));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
    String base = "/realms/" + settings.realm();
    server.createContext(base + "/.well-known/openid-configuration", this::discovery);
    server.createContext(base + "/protocol/openid-connect/certs", this::jwks);
    server.createContext(base + "/protocol/openid-connect/token", this::token);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public static LocalOidcIssuer start(LocalOidcSettings settings) {
    return start(settings, Clock.systemUTC());
  }

  public static LocalOidcIssuer start(LocalOidcSettings settings, Clock clock) {
    try {
      return new LocalOidcIssuer(settings, loadOrCreateKey(settings.keyFile()), clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the OIDC issuer on 127.0.0.1:" + settings.port(), e);
    }
  }

  public String issuerUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/" + settings.realm();
  }

  public String tokenUri() {
    return issuerUri() + "/protocol/openid-connect/token";
  }

  public String jwksUri() {
    return issuerUri() + "/protocol/openid-connect/certs";
  }

  /** A token for a configured client, without going through HTTP (for the dev stack's own calls). */
  public String issueToken(String clientId) {
    OidcClient client = Optional.ofNullable(clients.get(clientId))
        .orElseThrow(() -> new IllegalArgumentException("no client " + clientId));
    return sign(client);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuerUri());
    doc.put("token_endpoint", tokenUri());
    doc.put("jwks_uri", jwksUri());
    doc.put("grant_types_supported", List.of("client_credentials"));
    doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("response_types_supported", List.of("token"));
    doc.put("subject_types_supported", List.of("public"));
    respond(exchange, 200, doc);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    respond(exchange, 200, new JWKSet(signingKey.toPublicJWK()).toJSONObject());
  }

  private void token(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, Map.of("error", "invalid_request", "error_description", "use POST"));
      return;
    }
    Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!"client_credentials".equals(form.get("grant_type"))) {
      respond(exchange, 400, Map.of("error", "unsupported_grant_type",
          "error_description", "only client_credentials is supported"));
      return;
    }
    String[] credentials = basicCredentials(exchange).orElse(new String[] {form.get("client_id"), form.get("client_secret")});
    OidcClient client = credentials[0] == null ? null : clients.get(credentials[0]);
    if (client == null || credentials[1] == null || !constantTimeEquals(client.secret(), credentials[1])) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + settings.realm() + "\"");
      respond(exchange, 401, Map.of("error", "invalid_client", "error_description", "unknown client or wrong secret"));
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", sign(client));
    body.put("token_type", "Bearer");
    body.put("expires_in", settings.tokenLifetime().toSeconds());
    body.put("scope", "openid");
    respond(exchange, 200, body);
  }

  private String sign(OidcClient client) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuerUri())
        .subject("service-account-" + client.clientId())
        .audience(settings.audience())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(settings.tokenLifetime())))
        .jwtID(UUID.randomUUID().toString())
        .claim("azp", client.clientId())
        .claim("client_id", client.clientId())
        .claim("preferred_username", "service-account-" + client.clientId())
        .claim("typ", "Bearer")
        .claim("scope", "openid")
        .claim("realm_access", Map.of("roles", client.roles()))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
          .type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private static Optional<String[]> basicCredentials(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      return Optional.of(new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(urlDecode(pair.substring(0, eq)), urlDecode(pair.substring(eq + 1)));
      }
    }
    return form;
  }

  private static String urlDecode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static RSAKey loadOrCreateKey(Path keyFile) throws IOException {
    if (Files.exists(keyFile)) {
      try {
        return RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      } catch (ParseException e) {
        throw new IOException("the signing key in " + keyFile + " is not a JWK; delete it to make a new one", e);
      }
    }
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
          .algorithm(JWSAlgorithm.RS256).generate();
      Files.createDirectories(keyFile.toAbsolutePath().getParent());
      Files.writeString(keyFile, key.toJSONString(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the file keeps the directory's default permissions.
      }
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
