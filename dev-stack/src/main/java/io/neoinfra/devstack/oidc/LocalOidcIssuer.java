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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
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
 * A small OpenID Connect issuer for local use: discovery, JWKS, a token endpoint for the client-credentials grant
 * (machine clients, secrets checked) and the authorization-code grant with PKCE S256 (people, who log in on a minimal
 * login page at the authorization endpoint through a public {@link BrowserClient} such as Swagger UI), issuing RS256
 * JWTs shaped like Keycloak's (roles under {@code realm_access.roles}). It is for the dev stack only: production uses
 * Keycloak.
 */
public final class LocalOidcIssuer implements AutoCloseable {

  /** Keycloak's default lifetime of an authorization code. */
  private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

  private final LocalOidcSettings settings;
  private final RSAKey signingKey;
  private final Map<String, OidcClient> clients = new HashMap<>();
  private final Map<String, BrowserClient> browserClients = new HashMap<>();
  private final Map<String, OidcUser> users = new HashMap<>();
  private final AuthorizationCodes codes;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;

  private LocalOidcIssuer(LocalOidcSettings settings, RSAKey signingKey, Clock clock) throws IOException {
    this.settings = settings;
    this.signingKey = signingKey;
    this.clock = clock;
    settings.clients().forEach(c -> clients.put(c.clientId(), c));
    settings.browserClients().forEach(c -> browserClients.put(c.clientId(), c));
    settings.users().forEach(u -> users.put(u.username(), u));
    this.codes = new AuthorizationCodes(clock, CODE_LIFETIME);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
    String base = "/realms/" + settings.realm();
    server.createContext(base + "/.well-known/openid-configuration", this::discovery);
    server.createContext(base + "/protocol/openid-connect/certs", this::jwks);
    server.createContext(base + "/protocol/openid-connect/token", this::token);
    server.createContext(base + "/protocol/openid-connect/auth", this::authorize);
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

  /** Keycloak's authorization endpoint path: where a browser client sends a person to log in. */
  public String authorizationUri() {
    return issuerUri() + "/protocol/openid-connect/auth";
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

  /** A token for a configured person, as the authorization-code flow gives it, without going through HTTP. */
  public String issueToken(String username, String browserClientId) {
    OidcUser user = Optional.ofNullable(users.get(username))
        .orElseThrow(() -> new IllegalArgumentException("no user " + username));
    return sign(user, browserClientId);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", issuerUri());
    doc.put("authorization_endpoint", authorizationUri());
    doc.put("token_endpoint", tokenUri());
    doc.put("jwks_uri", jwksUri());
    doc.put("grant_types_supported", List.of("client_credentials", "authorization_code"));
    doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
    doc.put("code_challenge_methods_supported", List.of(Pkce.S256));
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("response_types_supported", List.of("code"));
    doc.put("subject_types_supported", List.of("public"));
    respond(exchange, 200, doc);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    respond(exchange, 200, new JWKSet(signingKey.toPublicJWK()).toJSONObject());
  }

  private void token(HttpExchange exchange) throws IOException {
    allowBrowserOrigin(exchange);
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      // CORS preflight of Swagger UI's token request (it sends X-Requested-With)
      exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers",
          "Authorization, Content-Type, X-Requested-With");
      exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, Map.of("error", "invalid_request", "error_description", "use POST"));
      return;
    }
    Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if ("authorization_code".equals(form.get("grant_type"))) {
      redeemCode(exchange, form);
      return;
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      respond(exchange, 400, Map.of("error", "unsupported_grant_type",
          "error_description", "only client_credentials and authorization_code are supported"));
      return;
    }
    String[] credentials = basicCredentials(exchange).orElse(new String[] {form.get("client_id"), form.get("client_secret")});
    OidcClient client = credentials[0] == null ? null : clients.get(credentials[0]);
    if (client == null || credentials[1] == null || !constantTimeEquals(client.secret(), credentials[1])) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + settings.realm() + "\"");
      respond(exchange, 401, Map.of("error", "invalid_client", "error_description", "unknown client or wrong secret"));
      return;
    }
    respond(exchange, 200, tokenResponse(sign(client)));
  }

  /** The authorization-code grant of a public client: no secret, the PKCE verifier proves who asked for the code. */
  private void redeemCode(HttpExchange exchange, Map<String, String> form) throws IOException {
    BrowserClient client = browserClients.get(form.get("client_id"));
    if (client == null) {
      respond(exchange, 401, Map.of("error", "invalid_client", "error_description", "unknown public client"));
      return;
    }
    var redemption = codes.redeem(form.get("code"), client.clientId(), form.get("redirect_uri"),
        form.get("code_verifier"));
    if (redemption instanceof AuthorizationCodes.Redemption.Granted granted) {
      respond(exchange, 200, tokenResponse(sign(granted.user(), granted.clientId())));
    } else if (redemption instanceof AuthorizationCodes.Redemption.Refused refused) {
      respond(exchange, 400, Map.of("error", refused.error(), "error_description", refused.description()));
    }
  }

  private Map<String, Object> tokenResponse(String accessToken) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("token_type", "Bearer");
    body.put("expires_in", settings.tokenLifetime().toSeconds());
    body.put("scope", "openid");
    return body;
  }

  /**
   * The authorization endpoint: GET shows the login page, POST checks the password and redirects back with a code.
   * An unknown client or a redirect URI that is not registered exactly gets an error page and no redirect (RFC 6749
   * §4.1.2.1: an open redirector would hand codes to anyone); other errors go back to the client with its state.
   */
  private void authorize(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    Map<String, String> request;
    if ("GET".equals(method)) {
      String query = exchange.getRequestURI().getRawQuery();
      request = parseForm(query == null ? "" : query);
    } else if ("POST".equals(method)) {
      request = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    } else {
      page(exchange, 405, "<p>Use GET or POST.</p>");
      return;
    }
    BrowserClient client = browserClients.get(request.get("client_id"));
    if (client == null) {
      page(exchange, 400, "<p>Unknown client.</p>");
      return;
    }
    String redirectUri = request.get("redirect_uri");
    if (!client.allowsRedirectTo(redirectUri)) {
      page(exchange, 400, "<p>This redirect URI is not registered for the client.</p>");
      return;
    }
    String state = request.get("state");
    if (!"code".equals(request.get("response_type"))) {
      redirect(exchange, redirectUri, Map.of("error", "unsupported_response_type"), state);
      return;
    }
    if (!Pkce.S256.equals(request.get("code_challenge_method")) || !Pkce.isChallenge(request.get("code_challenge"))) {
      redirect(exchange, redirectUri, Map.of("error", "invalid_request",
          "error_description", "PKCE with code_challenge_method S256 is required"), state);
      return;
    }
    String action = authorizationUri();
    if ("GET".equals(method)) {
      loginPage(exchange, 200, action, request, null);
      return;
    }
    OidcUser user = users.get(request.getOrDefault("username", ""));
    String password = request.get("password");
    if (user == null || password == null || !constantTimeEquals(user.password(), password)) {
      loginPage(exchange, 401, action, request, "Unknown user or wrong password.");
      return;
    }
    String code = codes.issue(user, client.clientId(), redirectUri, request.get("code_challenge"));
    redirect(exchange, redirectUri, Map.of("code", code), state);
  }

  private void redirect(HttpExchange exchange, String redirectUri, Map<String, String> parameters, String state)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(parameters);
    if (state != null) {
      all.put("state", state);
    }
    String query = all.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(java.util.stream.Collectors.joining("&"));
    exchange.getResponseHeaders().set("Location", redirectUri + (redirectUri.contains("?") ? "&" : "?") + query);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void loginPage(HttpExchange exchange, int status, String action, Map<String, String> request, String error)
      throws IOException {
    List<OidcUser> people = settings.users();
    html(exchange, status, LoginPage.html(settings.realm(), action, request, people, error));
  }

  private void page(HttpExchange exchange, int status, String message) throws IOException {
    html(exchange, status, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Login error</title>"
        + "</head><body><h1>Login error</h1>" + message + "</body></html>");
  }

  private void html(HttpExchange exchange, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Content-Security-Policy", LoginPage.CSP);
    exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Swagger UI calls the token endpoint from the gateway's origin: allowed for the origins of registered redirects. */
  private void allowBrowserOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && browserClients.values().stream().anyMatch(c -> c.allowsOrigin(origin))) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
      exchange.getResponseHeaders().add("Vary", "Origin");
    }
  }

  /** A machine client's token: its service account is the subject, as in Keycloak. */
  private String sign(OidcClient client) {
    return sign(claims("service-account-" + client.clientId(), "service-account-" + client.clientId(),
        client.clientId(), client.roles()).claim("client_id", client.clientId()).build());
  }

  /** A person's token: their own subject and username, the browser client as {@code azp}. */
  private String sign(OidcUser user, String clientId) {
    return sign(claims(user.subject(), user.username(), clientId, user.roles()).build());
  }

  private JWTClaimsSet.Builder claims(String subject, String username, String clientId, List<String> roles) {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .issuer(issuerUri())
        .subject(subject)
        .audience(settings.audience())
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(settings.tokenLifetime())))
        .jwtID(UUID.randomUUID().toString())
        .claim("azp", clientId)
        .claim("preferred_username", username)
        .claim("typ", "Bearer")
        .claim("scope", "openid")
        .claim("realm_access", Map.of("roles", roles));
  }

  private String sign(JWTClaimsSet claims) {
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
