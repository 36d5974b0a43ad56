package io.neoinfra.gateway.deadletters;

import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.state.DeadLetter;
import io.neoinfra.gateway.state.DeadLetterStore;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.validation.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The newest dead letters, filtered; replaying them is the CLI's job ({@code neo-events dlt replay}). */
@RestController
@RequestMapping("/api/v1/deadletters")
@Tag(name = "deadletters")
class DeadLetterController {

  private static final int MAX_LIMIT = 1000;

  private final DeadLetterStore store;

  DeadLetterController(DeadLetterStore store) {
    this.store = store;
  }

  @GetMapping
  @Operation(summary = "Dead letters, newest first; filter by error_class, source_topic, execution_id, database_id")
  Map<String, Object> list(@RequestParam(name = "error_class", required = false) String errorClass,
      @RequestParam(name = "source_topic", required = false) String sourceTopic,
      @RequestParam(name = "execution_id", required = false) String executionId,
      @RequestParam(name = "database_id", required = false) String databaseId,
      @RequestParam(required = false) String limit) {
    int max = 100;
    List<FieldError> errors = new ArrayList<>();
    if (limit != null) {
      try {
        max = Integer.parseInt(limit.trim());
        if (max < 1 || max > MAX_LIMIT) {
          errors.add(new FieldError("limit", "range", "must be between 1 and " + MAX_LIMIT));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "type", "must be an integer"));
      }
    }
    check(errors, "error_class", errorClass, "[a-z0-9_.-]{1,64}");
    check(errors, "source_topic", sourceTopic, "[A-Za-z0-9._-]{1,249}");
    if (executionId != null && !PathIds.isIdentifier(executionId)) {
      errors.add(new FieldError("execution_id", "pattern", "not an execution id"));
    }
    if (databaseId != null && !PathIds.isIdentifier(databaseId)) {
      errors.add(new FieldError("database_id", "pattern", "not a database id"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    List<DeadLetter> letters = store.newestFirst().stream()
        .filter(d -> matches(d, DeadLetterHeaders.ERROR_CLASS, errorClass))
        .filter(d -> matches(d, DeadLetterHeaders.SOURCE_TOPIC, sourceTopic))
        .filter(d -> matches(d, DeadLetterHeaders.EXECUTION_ID, executionId))
        .filter(d -> matches(d, DeadLetterHeaders.DATABASE_ID, databaseId))
        .limit(max)
        .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dead_letters", letters);
    body.put("count", letters.size());
    return body;
  }

  private static void check(List<FieldError> errors, String name, String value, String pattern) {
    if (value != null && !value.matches(pattern)) {
      errors.add(new FieldError(name, "pattern", "must match " + pattern));
    }
  }

  private static boolean matches(DeadLetter letter, String header, String wanted) {
    return wanted == null || Objects.equals(letter.headers().get(header), wanted);
  }
}
