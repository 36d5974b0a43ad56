package io.neoinfra.admin.keycloak;

import io.neoinfra.admin.keycloak.RealmDefinition.BrowserClient;
import io.neoinfra.admin.keycloak.RealmDefinition.CompositeRole;
import io.neoinfra.admin.keycloak.RealmDefinition.ServiceClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Keycloak's representations of a {@link RealmDefinition}: used by the bootstrap and by the realm export. */
final class RealmRepresentations {

  static final String AUDIENCE_MAPPER = "neo-gateway-audience";

  private RealmRepresentations() {}

  static RoleRepresentation permissionRole(String name) {
    RoleRepresentation role = new RoleRepresentation();
    role.setName(name);
    role.setDescription("NeoInfrastructure permission " + name);
    role.setComposite(false);
    return role;
  }

  static RoleRepresentation compositeRole(CompositeRole composite) {
    RoleRepresentation role = new RoleRepresentation();
    role.setName(composite.name());
    role.setDescription(composite.description());
    role.setComposite(true);
    RoleRepresentation.Composites composites = new RoleRepresentation.Composites();
    composites.setRealm(new java.util.LinkedHashSet<>(composite.includes()));
    role.setComposites(composites);
    return role;
  }

  /** The gateway itself: a client that only names the audience; it never asks for tokens. */
  static ClientRepresentation audienceClient(String audience) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(audience);
    client.setName("NeoInfrastructure REST gateway (audience)");
    client.setEnabled(true);
    client.setPublicClient(false);
    client.setBearerOnly(true);
    client.setStandardFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(false);
    client.setServiceAccountsEnabled(false);
    client.setProtocol("openid-connect");
    return client;
  }

  /** A confidential client for the client-credentials grant whose tokens are addressed to the gateway. */
  static ClientRepresentation serviceClient(ServiceClient definition, String audience, String secret) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(definition.clientId());
    client.setName(definition.description());
    client.setEnabled(true);
    client.setPublicClient(false);
    client.setBearerOnly(false);
    client.setServiceAccountsEnabled(true);
    client.setStandardFlowEnabled(false);
    client.setImplicitFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(false);
    client.setClientAuthenticatorType("client-secret");
    client.setProtocol("openid-connect");
    if (secret != null) {
      client.setSecret(secret);
    }
    client.setProtocolMappers(List.of(audienceMapper(audience)));
    return client;
  }

  /** Keycloak's client attribute that makes PKCE mandatory, with this method only. */
  static final String PKCE_METHOD = "pkce.code.challenge.method";

  /**
   * A public client for people logging in through a browser: the authorization-code flow only, PKCE S256 required,
   * exact redirect URIs, CORS for their origins ({@code +}), tokens addressed to the gateway.
   */
  static ClientRepresentation browserClient(BrowserClient definition, String audience) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(definition.clientId());
    client.setName(definition.description());
    client.setEnabled(true);
    client.setPublicClient(true);
    client.setBearerOnly(false);
    client.setStandardFlowEnabled(true);
    client.setImplicitFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(false);
    client.setServiceAccountsEnabled(false);
    client.setProtocol("openid-connect");
    client.setRedirectUris(definition.redirectUris());
    client.setWebOrigins(List.of("+"));
    client.setAttributes(new java.util.LinkedHashMap<>(Map.of(PKCE_METHOD, "S256")));
    client.setProtocolMappers(List.of(audienceMapper(audience)));
    return client;
  }

  static ProtocolMapperRepresentation audienceMapper(String audience) {
    ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
    mapper.setName(AUDIENCE_MAPPER);
    mapper.setProtocol("openid-connect");
    mapper.setProtocolMapper("oidc-audience-mapper");
    mapper.setConfig(Map.of("included.client.audience", audience, "access.token.claim", "true",
        "id.token.claim", "false"));
    return mapper;
  }

  /**
   * The whole realm as an import file for {@code kc.sh --import-realm} (docker-compose). Client secrets are Keycloak
   * environment placeholders ({@code ${NEO_ADMIN_CLIENT_SECRET:neo-admin-secret}}), so the file holds no real secret.
   */
  static RealmRepresentation export(RealmDefinition definition) {
    RealmRepresentation realm = new RealmRepresentation();
    realm.setRealm(definition.realm());
    realm.setEnabled(true);
    RolesRepresentation roles = new RolesRepresentation();
    List<RoleRepresentation> realmRoles = new ArrayList<>();
    definition.permissions().forEach(p -> realmRoles.add(permissionRole(p)));
    definition.composites().forEach(c -> realmRoles.add(compositeRole(c)));
    roles.setRealm(realmRoles);
    realm.setRoles(roles);
    List<ClientRepresentation> clients = new ArrayList<>();
    clients.add(audienceClient(definition.audience()));
    List<UserRepresentation> serviceAccounts = new ArrayList<>();
    for (ServiceClient client : definition.clients()) {
      clients.add(serviceClient(client, definition.audience(), secretPlaceholder(client.clientId())));
      UserRepresentation user = new UserRepresentation();
      user.setUsername("service-account-" + client.clientId());
      user.setEnabled(true);
      user.setServiceAccountClientId(client.clientId());
      user.setRealmRoles(client.realmRoles());
      serviceAccounts.add(user);
    }
    definition.browserClients().forEach(b -> clients.add(browserClient(b, definition.audience())));
    realm.setClients(clients);
    realm.setUsers(serviceAccounts);
    return realm;
  }

  static String secretPlaceholder(String clientId) {
    String variable = clientId.replace('-', '_').replaceFirst("^neo_", "NEO_").toUpperCase(Locale.ROOT) + "_CLIENT_SECRET";
    return "${" + variable + ":" + clientId + "-secret}";
  }
}
