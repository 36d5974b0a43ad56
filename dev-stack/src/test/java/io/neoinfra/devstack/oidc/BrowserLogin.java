package io.neoinfra.devstack.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser and Swagger UI do in the authorization-code flow with PKCE, as plain HTTP requests: open the login
 * page, post the login form, take the code from the redirect, redeem it with the verifier. Redirects are not followed,
 * so each step can be looked at.
 */
public final class BrowserLogin {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String authorizationUri;
  private final String tokenUri;
  private final String clientId;

  public BrowserLogin(LocalOidcIssuer issuer, String clientId) {
    this.authorizationUri = issuer.authorizationUri();
    this.tokenUri = issuer.tokenUri();
    this.clientId = clientId;
  }

  /** A fresh verifier: 32 random bytes, base64url, 43 characters (RFC 7636 §4.1). */
  public static String newVerifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String challengeOf(String verifier) {
    return Pkce.challengeOf(verifier);
  }

  /** The authorization request's parameters as Swagger UI sends them. */
  public Map<String, String> authorizationRequest(String redirectUri, String state, String verifier) {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("response_type", "code");
    request.put("client_id", clientId);
    request.put("redirect_uri", redirectUri);
    request.put("state", state);
    request.put("code_challenge", challengeOf(verifier));
    request.put("code_challenge_method", "S256");
    return request;
  }

  public HttpResponse<String> openLoginPage(Map<String, String> request) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(authorizationUri + "?" + form(request))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> submitLogin(Map<String, String> request, String username, String password)
      throws IOException, InterruptedException {
    Map<String, String> fields = new LinkedHashMap<>(request);
    fields.put("username", username);
    fields.put("password", password);
    return post(authorizationUri, fields);
  }

  public HttpResponse<String> redeem(String code, String redirectUri, String verifier)
      throws IOException, InterruptedException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "authorization_code");
    fields.put("code", code);
    fields.put("redirect_uri", redirectUri);
    fields.put("client_id", clientId);
    fields.put("code_verifier", verifier);
    return post(tokenUri, fields);
  }

  /** The parameters of a redirect's query string. */
  public static Map<String, String> query(String location) {
    String query = URI.create(location).getRawQuery();
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private HttpResponse<String> post(String uri, Map<String, String> fields) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(uri))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
