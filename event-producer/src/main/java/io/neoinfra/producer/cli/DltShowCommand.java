package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.producer.deadletter.DeadLetter;
import io.neoinfra.producer.deadletter.DeadLetterId;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.schemas.serde.NeoJson;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dlt show}: one dead letter with every header and its value (pretty JSON if JSON). */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show one dead letter: decoded headers, every raw header, and its value (pretty JSON if JSON).")
final class DltShowCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();

  @Option(names = "--partition", required = true, description = "Partition of the dead-letter topic.")
  int partition;

  @Option(names = "--offset", required = true, description = "Offset on that partition.")
  long offset;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeadLetters deadLetters = DltCommand.deadLetters(kafka);
    DeadLetterId id = new DeadLetterId(partition, offset);
    Optional<DeadLetter> found = deadLetters.find(id);
    PrintWriter out = spec.commandLine().getOut();
    if (found.isEmpty()) {
      spec.commandLine().getErr().println("not found: no dead letter at " + id.reference(deadLetters.deadLetterTopic())
          + " (wrong partition/offset, or removed by retention)");
      return CliErrors.NOT_FOUND;
    }
    ObjectMapper mapper = NeoJson.newMapper();
    ObjectNode node = DeadLetterJson.full(mapper, deadLetters.deadLetterTopic(), found.get());
    if (json) {
      out.println(mapper.writeValueAsString(node));
    } else {
      for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        if (field.getKey().equals("headers") || field.getKey().equals("value") || field.getValue().isNull()) {
          continue;
        }
        out.println(field.getKey() + ": " + field.getValue().asText());
      }
      out.println("headers:");
      node.get("headers").fields().forEachRemaining(h -> out.println("  " + h.getKey() + ": " + h.getValue().asText()));
      out.println("value:");
      var value = node.get("value");
      out.println(value == null || value.isNull() ? "  (null)"
          : value.isTextual() ? value.asText() : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }
    out.flush();
    return 0;
  }
}
