package io.neoinfra.admin.keycloak;

import java.util.List;
import java.util.Objects;

/**
 * Everything the platform needs in Keycloak, declared once: the realm, the permission roles of DESIGN.md, composite
 * roles that bundle them, the audience the gateway checks, and the service-account clients other services use. The
 * bootstrap command and the realm export are both made from this, so they cannot drift apart.
 */
public record RealmDefinition(
    String realm, String audience, List<String> permissions, List<CompositeRole> composites,
    List<ServiceClient> clients) {

  /** The permission roles the gateway maps to its authorities; {@code infrastructure:admin} implies all. */
  public static final List<String> PERMISSIONS = List.of(
      "migrations:read", "migrations:execute", "migrations:rollback", "databases:read", "databases:write",
      "tenants:write", "deadletters:replay", "infrastructure:admin");

  public RealmDefinition {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(audience, "audience");
    permissions = List.copyOf(permissions);
    composites = List.copyOf(composites);
    clients = List.copyOf(clients);
    for (CompositeRole composite : composites) {
      for (String included : composite.includes()) {
        if (!permissions.contains(included)) {
          throw new IllegalArgumentException("composite " + composite.name() + " includes unknown role " + included);
        }
      }
    }
    List<String> roleNames = allRoleNames(permissions, composites);
    for (ServiceClient client : clients) {
      for (String role : client.realmRoles()) {
        if (!roleNames.contains(role)) {
          throw new IllegalArgumentException("client " + client.clientId() + " is given unknown role " + role);
        }
      }
    }
  }

  /** The platform's realm: viewer, operator and admin composites, and the same demo clients as the dev stack. */
  public static RealmDefinition neo(String realm) {
    CompositeRole viewer = new CompositeRole("neo-viewer", "Reads migrations and databases",
        List.of("migrations:read", "databases:read"));
    CompositeRole operator = new CompositeRole("neo-operator", "Runs and rolls back migrations, manages databases",
        List.of("migrations:read", "databases:read", "migrations:execute", "migrations:rollback", "databases:write",
            "tenants:write"));
    CompositeRole admin = new CompositeRole("neo-admin", "Everything, including dead-letter replay", PERMISSIONS);
    return new RealmDefinition(realm, "neo-gateway", PERMISSIONS, List.of(viewer, operator, admin), List.of(
        new ServiceClient("neo-admin", "Platform administrators' automation", List.of("neo-admin")),
        new ServiceClient("neo-operator", "Operators' automation: migrations, rollbacks, databases",
            List.of("neo-operator")),
        new ServiceClient("neo-reader", "Dashboards and read-only tools", List.of("neo-viewer")),
        new ServiceClient("neo-tenant-service", "The service that creates tenants and their databases",
            List.of("tenants:write", "databases:write", "databases:read"))));
  }

  public List<String> allRoleNames() {
    return allRoleNames(permissions, composites);
  }

  private static List<String> allRoleNames(List<String> permissions, List<CompositeRole> composites) {
    return java.util.stream.Stream.concat(permissions.stream(), composites.stream().map(CompositeRole::name)).toList();
  }

  /** The same realm with one client's roles replaced (an operator removing a role at runtime). */
  public RealmDefinition withClientRoles(String clientId, List<String> roles) {
    return new RealmDefinition(realm, audience, permissions, composites, clients.stream()
        .map(c -> c.clientId().equals(clientId) ? new ServiceClient(c.clientId(), c.description(), roles) : c)
        .toList());
  }

  /** A realm role made of permission roles. */
  public record CompositeRole(String name, String description, List<String> includes) {
    public CompositeRole {
      includes = List.copyOf(includes);
    }
  }

  /** A confidential client with a service account (client-credentials grant) holding realm roles. */
  public record ServiceClient(String clientId, String description, List<String> realmRoles) {
    public ServiceClient {
      realmRoles = List.copyOf(realmRoles);
    }
  }
}
