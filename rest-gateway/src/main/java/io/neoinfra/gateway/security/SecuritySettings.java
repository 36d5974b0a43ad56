package io.neoinfra.gateway.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are checked and turned into permissions.
 *
 * @param issuerUri the exact {@code iss} tokens must carry, e.g. {@code https://sso.example/realms/neo}; required
 * @param jwkSetUri where the signing keys are (default: Keycloak's {@code <issuer>/protocol/openid-connect/certs})
 * @param audiences accepted {@code aud} values; empty (the default) does not check the audience
 * @param roleClaims dotted paths of the claims holding role names (default Keycloak's realm roles and the
 *     {@code neo-gateway} client's roles)
 * @param jwsAlgorithms accepted signature algorithms (default RS256); {@code none} is never accepted
 * @param clockSkew tolerated clock difference for {@code exp}/{@code nbf} (default 30s)
 * @param usernameClaim the claim shown as the user's name in the profile and the audit log (default
 *     {@code preferred_username}, falling back to {@code azp} then {@code sub})
 * @param jwksTimeout connect and read timeout when fetching the signing keys (default 5s)
 * @param verifiedTokenCacheSize tokens whose signature was verified that are remembered by their exact string, so a
 *     client reusing its token is not verified again; every use still checks expiry, issuer and audience (default
 *     10000; 0 turns the cache off)
 * @param verifiedTokenCacheTtl how long a verified token is remembered at most (default 5 minutes): bounds how long a
 *     signing key removed from the key set keeps validating tokens it signed
 */
@Validated
@ConfigurationProperties("neo.gateway.security")
public record SecuritySettings(
    @NotBlank String issuerUri,
    String jwkSetUri,
    List<String> audiences,
    @DefaultValue({"realm_access.roles", "resource_access.neo-gateway.roles"}) @NotEmpty List<String> roleClaims,
    @DefaultValue("RS256") @NotEmpty List<String> jwsAlgorithms,
    @DefaultValue("PT30S") @NotNull Duration clockSkew,
    @DefaultValue("preferred_username") @NotBlank String usernameClaim,
    @DefaultValue("PT5S") @NotNull Duration jwksTimeout,
    @DefaultValue("10000") @PositiveOrZero long verifiedTokenCacheSize,
    @DefaultValue("PT5M") @NotNull Duration verifiedTokenCacheTtl) {

  public SecuritySettings {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
  }

  public String effectiveJwkSetUri() {
    if (jwkSetUri != null && !jwkSetUri.isBlank()) {
      return jwkSetUri;
    }
    return issuerUri.replaceAll("/+$", "") + "/protocol/openid-connect/certs";
  }
}
