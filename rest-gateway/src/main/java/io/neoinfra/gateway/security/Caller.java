package io.neoinfra.gateway.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the profile endpoint, {@code requested_by} and the audit log show it: the subject and the name
 * of the person (or service account), and the client they came through. A person logged in through Swagger UI has
 * their own {@code sub} and {@code preferred_username}, and {@code neo-browser} as the client.
 */
public record Caller(String subject, String name, String clientId, String issuer, List<String> permissions) {

  public static Caller of(JwtAuthenticationToken auth, String usernameClaim) {
    Jwt jwt = auth.getToken();
    // azp is the OIDC name of the client a token was issued to; Keycloak's client-credentials tokens also say client_id
    String clientId = jwt.getClaimAsString("azp");
    if (clientId == null) {
      clientId = jwt.getClaimAsString("client_id");
    }
    String name = jwt.getClaimAsString(usernameClaim);
    if (name == null) {
      name = clientId != null ? clientId : jwt.getSubject();
    }
    List<String> permissions = auth.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toList();
    return new Caller(jwt.getSubject(), name, clientId, jwt.getIssuer() == null ? null : jwt.getIssuer().toString(),
        permissions);
  }
}
