package io.neoinfra.schemas.kafka;

import java.util.List;
import java.util.stream.Collectors;

/** Kafka client settings that cannot be used, with every reason at once. */
public final class InvalidKafkaClientSettingsException extends IllegalArgumentException {

  private final transient List<KafkaSettingsProblem> problems;

  public InvalidKafkaClientSettingsException(List<KafkaSettingsProblem> problems) {
    super("invalid Kafka client settings: "
        + problems.stream().map(KafkaSettingsProblem::describe).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<KafkaSettingsProblem> problems() {
    return problems;
  }
}
