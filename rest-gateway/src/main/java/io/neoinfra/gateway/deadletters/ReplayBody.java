package io.neoinfra.gateway.deadletters;

import java.util.List;

/** The body of {@code POST /api/v1/deadletters/replay}, already checked against its JSON Schema. */
record ReplayBody(Filter filter, List<String> offsets, String targetTopic, Boolean dryRun, Integer ratePerSecond,
    Boolean force) {

  ReplayBody {
    offsets = offsets == null ? List.of() : List.copyOf(offsets);
  }

  /** The filter's criteria; each empty one matches everything. */
  record Filter(List<String> eventTypes, List<String> errorClasses, List<String> databaseIds,
      List<String> executionIds, String since, String until) {

    Filter {
      eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
      errorClasses = errorClasses == null ? List.of() : List.copyOf(errorClasses);
      databaseIds = databaseIds == null ? List.of() : List.copyOf(databaseIds);
      executionIds = executionIds == null ? List.of() : List.copyOf(executionIds);
    }
  }
}
