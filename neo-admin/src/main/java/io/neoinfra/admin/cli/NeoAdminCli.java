package io.neoinfra.admin.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neo-admin}: set up what the platform needs outside itself (today: the Keycloak realm). */
@Command(name = "neo-admin", mixinStandardHelpOptions = true,
    description = "Administration of the platform's surroundings.",
    subcommands = {KeycloakBootstrapCommand.class, RealmExportCommand.class, CommandLine.HelpCommand.class})
public final class NeoAdminCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new NeoAdminCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return cli;
  }
}
