package io.neoinfra.schemas.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which values are secrets whatever their name: sealed credentials ({@code neo-enc:} of any version), signed or
 * encrypted JWTs, and the credentials of an {@code Authorization} scheme ({@code Bearer}, {@code Basic}).
 */
public final class SecretValues {

  /**
   * A sealed credential of any version ({@code neo-enc:v1:<key>:<data>}, {@code neo-enc:v2:…}): the prefix and at least
   * 12 characters of version, key id and data, so that a schema's description of the format ({@code neo-enc:v1:[A-Z…})
   * is left alone.
   */
  static final Pattern SEALED = Pattern.compile("neo-enc:[A-Za-z0-9_.:+/=\\-]{12,}");
  /** A JWS or JWE in compact form: its header is base64url JSON, so it starts with {@code eyJ}. */
  static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_\\-]*\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_.\\-]*");
  /** The credentials after an HTTP authorization scheme. */
  static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=\\-]{8,}");

  private SecretValues() {}

  /** Whether {@code text} contains a secret-looking value anywhere. */
  public static boolean containsSecret(String text) {
    return text != null && (SEALED.matcher(text).find() || JWT.matcher(text).find()
        || AUTH_SCHEME.matcher(text).find());
  }

  /** {@code text} with every secret-looking value replaced by {@code replacement}. */
  static String replaceAll(String text, String replacement) {
    String out = SEALED.matcher(text).replaceAll(replacement);
    out = JWT.matcher(out).replaceAll(replacement);
    return AUTH_SCHEME.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(replacement));
  }
}
