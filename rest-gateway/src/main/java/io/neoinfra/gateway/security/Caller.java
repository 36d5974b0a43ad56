package io.neoinfra.gateway.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling, as the profile endpoint and {@code requested_by} show it. */
public record Caller(String subject, String name, String clientId, String issuer, List<String> permissions) {

  public static Caller of(JwtAuthenticationToken auth, String usernameClaim) {
    Jwt jwt = auth.getToken();
    String clientId = jwt.getClaimAsString("azp");
    String name = jwt.getClaimAsString(usernameClaim);
    if (name == null) {
      name = clientId != null ? clientId : jwt.getSubject();
    }
    List<String> permissions = auth.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList();
    return new Caller(jwt.getSubject(), name, clientId, jwt.getIssuer() == null ? null : jwt.getIssuer().toString(),
        permissions);
  }
}
