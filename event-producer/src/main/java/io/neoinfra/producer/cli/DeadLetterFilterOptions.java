package io.neoinfra.producer.cli;

import io.neoinfra.producer.deadletter.DeadLetterFilter;
import io.neoinfra.producer.deadletter.DeadLetterId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The dead-letter selection shared by {@code dlt list} and {@code dlt replay}. */
final class DeadLetterFilterOptions {

  @Option(names = "--event-type", split = ",", paramLabel = "TYPE",
      description = "CloudEvents type, e.g. database.created or io.neoinfra.database.created (repeatable).")
  List<String> eventTypes = new ArrayList<>();

  @Option(names = "--error-class", split = ",", paramLabel = "CLASS",
      description = "Value of neo-dlt-error-class, e.g. schema_invalid (repeatable).")
  List<String> errorClasses = new ArrayList<>();

  @Option(names = "--database-id", split = ",", paramLabel = "ID", description = "Database id (repeatable).")
  List<String> databaseIds = new ArrayList<>();

  @Option(names = "--execution-id", split = ",", paramLabel = "ID", description = "Execution id (repeatable).")
  List<String> executionIds = new ArrayList<>();

  @Option(names = "--since", converter = InstantConverter.class, paramLabel = "TIME",
      description = "Last failure at or after TIME: an instant (2026-11-25T10:00:00Z) or an age (2h).")
  Instant since;

  @Option(names = "--until", converter = InstantConverter.class, paramLabel = "TIME",
      description = "Last failure before TIME: an instant or an age.")
  Instant until;

  @Option(names = "--offsets", paramLabel = "P:O[,P:O…]",
      description = "Only these records of the dead-letter topic, as partition:offset.")
  String offsets;

  boolean selectsSomething() {
    return !eventTypes.isEmpty() || !errorClasses.isEmpty() || !databaseIds.isEmpty() || !executionIds.isEmpty()
        || since != null || until != null || offsets != null;
  }

  DeadLetterFilter filter() {
    List<String> types = eventTypes.stream().map(DeadLetterFilterOptions::ceType).toList();
    try {
      return DeadLetterFilter.builder()
          .eventTypes(types)
          .errorClasses(errorClasses)
          .databaseIds(databaseIds)
          .executionIds(executionIds)
          .since(since)
          .until(until)
          .offsets(offsets == null ? List.of() : DeadLetterId.parseList(offsets))
          .build();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Our short names become CloudEvents types; anything else (another service's type) is taken as it is. */
  private static String ceType(String value) {
    try {
      return new EventTypeConverter().convert(value).ceType();
    } catch (TypeConversionException notOurs) {
      return value.trim();
    }
  }
}
