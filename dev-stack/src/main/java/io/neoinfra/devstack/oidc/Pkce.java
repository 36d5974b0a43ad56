package io.neoinfra.devstack.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636), method S256 only: {@code plain} would let a stolen code be redeemed. */
final class Pkce {

  static final String S256 = "S256";

  private Pkce() {}

  /** A challenge as RFC 7636 §4.2 makes it: BASE64URL(SHA-256(verifier)), 43 characters. */
  static boolean isChallenge(String challenge) {
    return challenge != null && challenge.matches("[A-Za-z0-9_-]{43}");
  }

  /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
  static boolean isVerifier(String verifier) {
    return verifier != null && verifier.matches("[A-Za-z0-9._~-]{43,128}");
  }

  static String challengeOf(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static boolean verifies(String challenge, String verifier) {
    return isVerifier(verifier) && MessageDigest.isEqual(challenge.getBytes(StandardCharsets.US_ASCII),
        challengeOf(verifier).getBytes(StandardCharsets.US_ASCII));
  }
}
