package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.validation.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neo-events publish}: one event from a JSON file or stdin; prints where it landed as a JSON line. */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = "Validate and publish one lifecycle event (JSON body from --file or stdin). A plain password of a "
        + "database event is sealed with the workers' public keyset first.")
final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();
  @Mixin PublicKeysetOption publicKeyset = new PublicKeysetOption();

  @Option(names = {"-t", "--type"}, required = true, converter = EventTypeConverter.class,
      description = "Event type: tenant.created, tenant.deleted, database.created, database.updated, "
          + "database.deleted, migration.requested, rollback.requested.")
  EventType type;

  @Option(names = {"-p", "--priority"}, defaultValue = "normal", converter = PriorityConverter.class,
      description = "critical, high, normal or low (default: ${DEFAULT-VALUE}).")
  Priority priority;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "JSON body; '-' or absent reads stdin.")
  String file;

  @Option(names = "--source", defaultValue = "/neo-events-cli", description = "CloudEvents source (default: ${DEFAULT-VALUE}).")
  URI source;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = NeoJson.newMapper();
    JsonNode body;
    try (InputStream in = file == null || "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
      body = mapper.readTree(in);
    } catch (IOException e) {
      throw new ContractViolationException(type.ceType(),
          List.of(new FieldError("$", "malformed_json", "the body is not valid JSON")));
    }
    try (LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
        .bootstrapServers(kafka.bootstrapServers())
        .topicPrefix(kafka.topicPrefix)
        .clientId("neo-events-cli")
        .source(source)
        .publicKeyset(publicKeyset.keysetOrNull())
        .kafkaProperties(kafka.clientProperties())
        .load()) {
      PublishReceipt receipt = publisher.publishJson(type, body, priority).get(60, TimeUnit.SECONDS);
      spec.commandLine().getOut().println(mapper.writeValueAsString(receipt));
    }
    return 0;
  }
}
