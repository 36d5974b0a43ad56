package io.neoinfra.admin.cli;

import io.neoinfra.admin.keycloak.RealmDefinition;
import io.neoinfra.admin.keycloak.RealmExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neo-admin realm-export}: the realm as a Keycloak import file, from the same definition as the bootstrap. */
@Command(name = "realm-export", mixinStandardHelpOptions = true,
    description = "Write the platform's realm as a Keycloak import file (secrets as environment placeholders).")
final class RealmExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--realm", defaultValue = "neo", description = "Realm name (default: ${DEFAULT-VALUE}).")
  String realm;

  @Option(names = "--output", description = "File to write (default: standard output).")
  Path output;

  @Option(names = "--browser-redirect-uri", paramLabel = "URI",
      description = "Where Swagger UI sends people back after login, exactly (repeatable; default: a gateway on this "
          + "machine, http://localhost:8080/swagger-ui/oauth2-redirect.html and the same on 127.0.0.1).")
  List<String> browserRedirectUris = new ArrayList<>();

  private List<String> swaggerUiRedirects() {
    return browserRedirectUris.isEmpty() ? RealmDefinition.LOCAL_SWAGGER_UI_REDIRECTS : browserRedirectUris;
  }

  @Override
  public Integer call() throws Exception {
    String json = RealmExport.toJson(RealmDefinition.neo(realm, swaggerUiRedirects()));
    if (output == null) {
      spec.commandLine().getOut().print(json);
    } else {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, json, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
