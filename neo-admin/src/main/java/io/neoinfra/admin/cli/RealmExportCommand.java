package io.neoinfra.admin.cli;

import io.neoinfra.admin.keycloak.RealmDefinition;
import io.neoinfra.admin.keycloak.RealmExport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Override
  public Integer call() throws Exception {
    String json = RealmExport.toJson(RealmDefinition.neo(realm));
    if (output == null) {
      spec.commandLine().getOut().print(json);
    } else {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, json, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
