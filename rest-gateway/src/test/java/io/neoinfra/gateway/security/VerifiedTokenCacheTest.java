package io.neoinfra.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of signature verification: a token is verified once, but its expiry is checked on every use, a
 * token that failed is never remembered, and only the exact same string is a hit. (The verifier here is a counting
 * stand-in for Nimbus; real signed tokens against the real decoder are in TokenIT.)
 */
class VerifiedTokenCacheTest {

  private static final Instant ISSUED = Instant.parse("2026-11-25T10:00:00Z");

  private final MutableClock clock = new MutableClock(ISSUED);
  private final List<String> verified = new ArrayList<>();

  @Test
  void verifiesATokenOnceAndServesItsLaterUsesFromTheCache() {
    VerifiedTokenCache cache = cache(validator(), token -> jwt(token, ISSUED.plusSeconds(300)));

    Jwt first = cache.decode("token-a");
    Jwt second = cache.decode("token-a");

    assertThat(second).isSameAs(first);
    assertThat(verified).containsExactly("token-a");
  }

  @Test
  void refusesACachedTokenOnceItHasExpired() {
    VerifiedTokenCache cache = cache(validator(), token -> jwt(token, ISSUED.plusSeconds(60)));
    cache.decode("token-a");

    clock.now = ISSUED.plusSeconds(61);

    assertThatThrownBy(() -> cache.decode("token-a"))
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void neverRemembersATokenThatFailedVerification() {
    VerifiedTokenCache cache = cache(validator(), token -> {
      throw new BadJwtException("Signed JWT rejected: Invalid signature");
    });

    assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
    assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
    assertThat(verified).containsExactly("forged", "forged");
  }

  @Test
  void anyOtherStringIsVerifiedAfresh() {
    VerifiedTokenCache cache = cache(validator(), token -> jwt(token, ISSUED.plusSeconds(300)));

    cache.decode("header.payload.signature");
    cache.decode("header.payload.signaturf");

    assertThat(verified).containsExactly("header.payload.signature", "header.payload.signaturf");
  }

  private OAuth2TokenValidator<Jwt> validator() {
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
    timestamps.setClock(clock);
    return timestamps;
  }

  private VerifiedTokenCache cache(OAuth2TokenValidator<Jwt> validator, JwtDecoder signatureCheck) {
    JwtDecoder counting = token -> {
      verified.add(token);
      return signatureCheck.decode(token);
    };
    return new VerifiedTokenCache(counting, validator, 100, Duration.ofMinutes(5));
  }

  private static Jwt jwt(String token, Instant expiresAt) {
    return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice").issuedAt(ISSUED).expiresAt(expiresAt)
        .build();
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
