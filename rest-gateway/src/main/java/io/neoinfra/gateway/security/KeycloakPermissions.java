package io.neoinfra.gateway.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a validated Keycloak token into permissions: every role found under the configured claims
 * ({@code realm_access.roles}, {@code resource_access.<client>.roles}) that names a {@link Permission};
 * {@code infrastructure:admin} grants them all. Other roles are ignored. The principal's name is {@code sub}.
 */
final class KeycloakPermissions implements Converter<Jwt, AbstractAuthenticationToken> {

  private final List<String> roleClaims;

  KeycloakPermissions(List<String> roleClaims) {
    this.roleClaims = List.copyOf(roleClaims);
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Set<Permission> granted = permissions(jwt);
    var authorities = granted.stream().map(p -> new SimpleGrantedAuthority(p.id())).toList();
    return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
  }

  Set<Permission> permissions(Jwt jwt) {
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    for (String path : roleClaims) {
      for (String role : roles(jwt.getClaims(), path)) {
        Permission.fromId(role).ifPresent(granted::add);
      }
    }
    if (granted.contains(Permission.INFRASTRUCTURE_ADMIN)) {
      granted.addAll(EnumSet.allOf(Permission.class));
    }
    return granted;
  }

  // Client ids may contain dots: try the longest key that exists at each level.
  private static Collection<String> roles(Map<String, Object> claims, String path) {
    Object node = claims;
    String rest = path;
    while (!rest.isEmpty()) {
      if (!(node instanceof Map<?, ?> map)) {
        return List.of();
      }
      String key = null;
      for (int end = rest.length(); end > 0; end = rest.lastIndexOf('.', end - 1)) {
        if (map.containsKey(rest.substring(0, end))) {
          key = rest.substring(0, end);
          break;
        }
        if (rest.lastIndexOf('.', end - 1) < 0) {
          break;
        }
      }
      if (key == null) {
        return List.of();
      }
      node = map.get(key);
      rest = key.length() == rest.length() ? "" : rest.substring(key.length() + 1);
    }
    if (node instanceof Collection<?> values) {
      return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    if (node instanceof String spaceSeparated) {
      return List.of(spaceSeparated.split(" "));
    }
    return List.of();
  }
}
