package io.neoinfra.producer.cli;

import io.neoinfra.producer.deadletter.DeadLetters;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neo-events dlt}: inspect and replay the dead-letter topic. */
@Command(name = "dlt", mixinStandardHelpOptions = true,
    description = "Inspect and replay dead letters (<prefix>migration.dlt).",
    subcommands = {DltListCommand.class, DltShowCommand.class, DltReplayCommand.class, CommandLine.HelpCommand.class})
final class DltCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or replay");
  }

  static DeadLetters deadLetters(KafkaConnectionOptions kafka) throws IOException {
    return DeadLetters.configure()
        .bootstrapServers(kafka.bootstrapServers())
        .topicPrefix(kafka.topicPrefix)
        .clientId("neo-events-cli")
        .kafkaProperties(kafka.clientProperties())
        .load();
  }
}
