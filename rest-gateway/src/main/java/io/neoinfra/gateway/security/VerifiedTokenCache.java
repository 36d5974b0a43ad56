package io.neoinfra.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers tokens whose signature it has verified, keyed by the exact token string, so
 * that a client sending the same bearer token many times pays for the RSA verification and the claim conversion once.
 * Only verified tokens are cached (a bad one is refused again each time), a cached token is looked up by all of its
 * bytes (a changed payload or signature is a different key), and every hit runs the validators again ({@code exp},
 * {@code nbf}, issuer, audience), so an expired token is refused at its expiry exactly as without the cache.
 *
 * <p>What the cache can delay: a signing key removed from the key set still validates tokens it signed for at most
 * {@code ttl}. Keycloak keeps a rotated-out key passive (still verifying) for longer than that anyway.
 */
final class VerifiedTokenCache implements JwtDecoder {

  // The same wording NimbusJwtDecoder uses, so that a refusal reads the same whether or not the token was cached.
  private static final String REFUSED = "An error occurred while attempting to decode the Jwt: %s";

  private final JwtDecoder verifier;
  private final OAuth2TokenValidator<Jwt> validator;
  private final Cache<String, Jwt> verified;

  /**
   * @param verifier the decoder that checks the signature and runs {@code validator}
   * @param validator the claim checks run again on every cache hit
   * @param maxTokens tokens remembered at most (least recently used dropped)
   * @param ttl how long a verified token is remembered at most
   */
  VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, long maxTokens, Duration ttl) {
    this.verifier = verifier;
    this.validator = validator;
    this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(ttl).build();
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt known = verified.getIfPresent(token);
    if (known == null) {
      Jwt jwt = verifier.decode(token); // throws for a bad signature, a bad claim, garbage
      verified.put(token, jwt);
      return jwt;
    }
    OAuth2TokenValidatorResult result = validator.validate(known);
    if (result.hasErrors()) {
      verified.invalidate(token);
      throw new JwtValidationException(message(result.getErrors()), result.getErrors());
    }
    return known;
  }

  private static String message(Collection<OAuth2Error> errors) {
    for (OAuth2Error error : errors) {
      if (error.getDescription() != null && !error.getDescription().isEmpty()) {
        return String.format(REFUSED, error.getDescription());
      }
    }
    return "Unable to validate Jwt";
  }
}
