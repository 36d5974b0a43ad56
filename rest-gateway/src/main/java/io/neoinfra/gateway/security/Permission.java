package io.neoinfra.gateway.security;

import java.util.Arrays;
import java.util.Optional;

/** The permission roles (Keycloak realm roles). Each is also the Spring Security authority of the same name. */
public enum Permission {
  MIGRATIONS_READ("migrations:read"),
  MIGRATIONS_EXECUTE("migrations:execute"),
  MIGRATIONS_ROLLBACK("migrations:rollback"),
  DATABASES_READ("databases:read"),
  DATABASES_WRITE("databases:write"),
  TENANTS_WRITE("tenants:write"),
  DEADLETTERS_REPLAY("deadletters:replay"),
  /** Implies every other permission. */
  INFRASTRUCTURE_ADMIN("infrastructure:admin");

  private final String id;

  Permission(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Permission> fromId(String role) {
    return Arrays.stream(values()).filter(p -> p.id.equals(role)).findFirst();
  }
}
