package io.neoinfra.admin.keycloak;

import java.util.List;
import java.util.Objects;

/**
 * Everything the platform needs in Keycloak, declared once: the realm, the permission roles (realm roles), composite
 * roles that bundle them, the audience the gateway checks, the service-account clients other services use, and the
 * public browser clients people log in through (Swagger UI). The bootstrap command and the realm export are both made
 * from this, so they cannot drift apart.
 */
public record RealmDefinition(
    String realm, String audience, List<String> permissions, List<CompositeRole> composites,
    List<ServiceClient> clients, List<BrowserClient> browserClients) {

  /** Where Swagger UI of a gateway on this machine sends people back after login. */
  public static final List<String> LOCAL_SWAGGER_UI_REDIRECTS = List.of(
      "http://localhost:8080/swagger-ui/oauth2-redirect.html", "http://127.0.0.1:8080/swagger-ui/oauth2-redirect.html");

  /** The public client Swagger UI uses, as the gateway's {@code neo.gateway.openapi.browser-client-id} defaults to. */
  public static final String SWAGGER_UI_CLIENT = "neo-browser";

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
    browserClients = List.copyOf(browserClients);
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

  /** Service accounts only: nobody logs in through a browser. */
  public RealmDefinition(String realm, String audience, List<String> permissions, List<CompositeRole> composites,
      List<ServiceClient> clients) {
    this(realm, audience, permissions, composites, clients, List.of());
  }

  /** {@link #neo(String, List)} with Swagger UI of a gateway on this machine ({@link #LOCAL_SWAGGER_UI_REDIRECTS}). */
  public static RealmDefinition neo(String realm) {
    return neo(realm, LOCAL_SWAGGER_UI_REDIRECTS);
  }

  /**
   * The platform's realm: viewer, operator and admin composites, the same demo clients as the dev stack, and the
   * public client {@code neo-browser} for Swagger UI, sending people back to {@code swaggerUiRedirects} only.
   */
  public static RealmDefinition neo(String realm, List<String> swaggerUiRedirects) {
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
            List.of("tenants:write", "databases:write", "databases:read"))),
        List.of(new BrowserClient(SWAGGER_UI_CLIENT, "Swagger UI of the REST gateway: people log in with PKCE",
            swaggerUiRedirects)));
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
        .toList(), browserClients);
  }

  /** A realm role made of permission roles. */
  public record CompositeRole(String name, String description, List<String> includes) {
    public CompositeRole {
      includes = List.copyOf(includes);
    }
  }

  /**
   * A public client for people in a browser: authorization-code flow only, PKCE with S256 required, no secret; a
   * login may return only to one of {@code redirectUris}, exactly. Its tokens carry the person's own realm roles.
   */
  public record BrowserClient(String clientId, String description, List<String> redirectUris) {
    public BrowserClient {
      redirectUris = List.copyOf(redirectUris);
      if (redirectUris.isEmpty()) {
        throw new IllegalArgumentException("browser client " + clientId + " needs at least one redirect URI");
      }
      for (String uri : redirectUris) {
        if (uri.contains("*") || uri.contains("#")) {
          throw new IllegalArgumentException("a redirect URI is exact, without wildcard or fragment: " + uri);
        }
      }
    }
  }

  /** A confidential client with a service account (client-credentials grant) holding realm roles. */
  public record ServiceClient(String clientId, String description, List<String> realmRoles) {
    public ServiceClient {
      realmRoles = List.copyOf(realmRoles);
    }
  }
}
