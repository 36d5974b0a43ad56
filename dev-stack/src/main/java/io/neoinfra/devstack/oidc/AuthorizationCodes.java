package io.neoinfra.devstack.oidc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codes the login page hands out: single use, short-lived, bound to the client, the exact redirect URI and the
 * PKCE challenge they were asked for. A code is spent by its first redemption, a refused one included, so that a
 * stolen code cannot be tried against many verifiers.
 */
final class AuthorizationCodes {

  /** Codes kept at most: the login page is for a few people on one machine. */
  private static final int CAPACITY = 10_000;

  private record Grant(OidcUser user, String clientId, String redirectUri, String challenge, Instant expiresAt) {}

  /** What a redemption gives: a person's grant, or the OAuth2 error code and why. */
  sealed interface Redemption {
    record Granted(OidcUser user, String clientId) implements Redemption {}

    record Refused(String error, String description) implements Redemption {}
  }

  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;

  AuthorizationCodes(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  String issue(OidcUser user, String clientId, String redirectUri, String challenge) {
    Instant now = clock.instant();
    codes.values().removeIf(g -> g.expiresAt().isBefore(now));
    if (codes.size() >= CAPACITY) {
      throw new IllegalStateException("too many unredeemed authorization codes");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    codes.put(code, new Grant(user, clientId, redirectUri, challenge, now.plus(lifetime)));
    return code;
  }

  Redemption redeem(String code, String clientId, String redirectUri, String verifier) {
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null || grant.expiresAt().isBefore(clock.instant())) {
      return new Redemption.Refused("invalid_grant", "unknown, used or expired code");
    }
    if (!grant.clientId().equals(clientId)) {
      return new Redemption.Refused("invalid_grant", "the code was issued to another client");
    }
    if (!grant.redirectUri().equals(redirectUri)) {
      return new Redemption.Refused("invalid_grant", "redirect_uri differs from the authorization request's");
    }
    if (!Pkce.verifies(grant.challenge(), verifier)) {
      return new Redemption.Refused("invalid_grant", "PKCE verification failed");
    }
    return new Redemption.Granted(grant.user(), grant.clientId());
  }
}
