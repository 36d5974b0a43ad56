package io.neoinfra.devstack.oidc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The issuer's login page: a plain form posted back to the authorization endpoint, carrying the authorization
 * request's parameters as hidden fields. Every value is HTML-escaped: they come from the browser's query string.
 */
final class LoginPage {

  /** The authorization request's parameters the form carries through the login. */
  static final List<String> CARRIED = List.of(
      "response_type", "client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method");

  /** No script, no style sheet from anywhere, never in a frame. */
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

  private LoginPage() {}

  static String html(String realm, String action, Map<String, String> request, List<OidcUser> users, String error) {
    String hidden = CARRIED.stream().filter(request::containsKey)
        .map(name -> "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(request.get(name)) + "\">")
        .collect(Collectors.joining("\n      "));
    String people = users.stream()
        .map(u -> "<li><code>" + escape(u.username()) + "</code> " + escape(String.join(", ", u.roles())) + "</li>")
        .collect(Collectors.joining("\n      "));
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Log in to %s</title>
        <style>body{font-family:sans-serif;max-width:32em;margin:3em auto}label{display:block;margin:.5em 0}
        .error{color:#b00}</style></head>
        <body>
        <h1>Log in to %s</h1>
        <p>Local OIDC issuer of the dev stack, for <code>%s</code>.</p>
        %s
        <form method="post" action="%s">
          %s
          <label>Username <input name="username" autocomplete="username" required autofocus></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          <button type="submit">Log in</button>
        </form>
        <p>Demo users (password <code>&lt;username&gt;-password</code>):</p>
        <ul>
          %s
        </ul>
        </body>
        </html>
        """.formatted(escape(realm), escape(realm), escape(request.getOrDefault("client_id", "")),
        error == null ? "" : "<p class=\"error\">" + escape(error) + "</p>", escape(action), hidden, people);
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
