package io.neoinfra.schemas.redaction;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names (JSON keys, Kafka header names, {@code key=value} settings) hold a secret. A name matches when, in lower
 * case, it contains one of the secret words ({@code password}, {@code passwd}, {@code secret}, {@code token},
 * {@code credential}) or is one of the exact names below: {@code password_ref}, {@code access_token},
 * {@code client_secret}, {@code ssl.key.password} and {@code *_password} are all covered by the words; the exact names
 * are those that share no word with them ({@code authorization}, {@code sasl.jaas.config}, {@code pwd}, …).
 */
public final class SecretKeys {

  private static final Pattern WORDS = Pattern.compile("password|passwd|secret|token|credential");
  private static final Set<String> EXACT = Set.of("authorization", "proxy-authorization", "proxy_authorization",
      "pwd", "sasl.jaas.config", "api_key", "api-key", "apikey", "private_key", "private-key", "cookie", "set-cookie");

  private SecretKeys() {}

  /** Whether a value stored under {@code name} is a secret. */
  public static boolean isSecret(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return EXACT.contains(lower) || WORDS.matcher(lower).find();
  }

  /** The regular-expression alternative of every secret name, for finding {@code name: value} pairs in text. */
  static String namePattern() {
    return "[A-Za-z0-9_.\\-]*(?:password|passwd|secret|token|credential)[A-Za-z0-9_.\\-]*"
        + "|authorization|proxy-authorization|proxy_authorization|pwd|sasl\\.jaas\\.config|api_key|api-key|apikey"
        + "|private_key|private-key";
  }
}
