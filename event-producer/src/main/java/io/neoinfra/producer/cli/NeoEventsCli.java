package io.neoinfra.producer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neo-events}: publish and follow lifecycle events from a shell, as Kafka's own tools do. */
@Command(
    name = "neo-events",
    mixinStandardHelpOptions = true,
    versionProvider = NeoEventsCli.Version.class,
    description = "Publish and follow NeoInfrastructure lifecycle events (CloudEvents on Kafka); inspect and replay dead "
        + "letters; consumer lag; the keysets that seal database passwords.",
    subcommands = {PublishCommand.class, TailCommand.class, CredentialsCommand.class, DltCommand.class, LagCommand.class,
        WatchCommand.class, RollbackCommand.class,
        CommandLine.HelpCommand.class})
public final class NeoEventsCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with our error handling, for tests to call {@code execute} on. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new NeoEventsCli());
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = NeoEventsCli.class.getPackage().getImplementationVersion();
      return new String[] {"neo-events " + (version == null ? "development build" : version)};
    }
  }
}
