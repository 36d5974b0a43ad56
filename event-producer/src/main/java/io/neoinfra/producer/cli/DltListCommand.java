package io.neoinfra.producer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.producer.deadletter.DeadLetter;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.schemas.serde.NeoJson;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dlt list}: the dead letters a filter selects, as a table or JSON lines. Reads without a consumer group. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List dead letters with their headers decoded (without joining a consumer group).")
final class DltListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin KafkaConnectionOptions kafka = new KafkaConnectionOptions();
  @Mixin DeadLetterFilterOptions selection = new DeadLetterFilterOptions();

  @Option(names = "--limit", defaultValue = "1000", description = "At most this many (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object per line instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DeadLetters deadLetters = DltCommand.deadLetters(kafka);
    List<DeadLetter> letters = deadLetters.list(selection.filter(), limit);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = NeoJson.newMapper();
      for (DeadLetter letter : letters) {
        out.println(mapper.writeValueAsString(DeadLetterJson.summary(mapper, deadLetters.deadLetterTopic(), letter)));
      }
      out.flush();
      return 0;
    }
    TextTable table = new TextTable("PARTITION", "OFFSET", "LAST-FAILURE", "ERROR-CLASS", "EVENT-TYPE", "SOURCE",
        "DATABASE", "EXECUTION", "ATTEMPTS", "REPLAYED-FROM");
    for (DeadLetter letter : letters) {
      DeadLetter.Origin origin = letter.origin();
      String source = origin.topic() == null ? null
          : origin.topic() + "/" + nullToDash(origin.partition()) + "/" + nullToDash(origin.offset());
      table.row(letter.id().partition(), letter.id().offset(), letter.failedAt(), letter.failure().errorClass(),
          letter.eventType(), source, letter.databaseId(), letter.executionId(), letter.failure().attempts(),
          letter.replayedFrom());
    }
    table.print(out);
    out.println(letters.size() + " dead letter(s) on " + deadLetters.deadLetterTopic()
        + (letters.size() == limit ? " (limit reached: --limit)" : ""));
    out.flush();
    return 0;
  }

  private static String nullToDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
