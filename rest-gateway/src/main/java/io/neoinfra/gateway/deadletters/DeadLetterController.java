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
import io.neoinfra.gateway.audit.AuditFilter;
import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.ProblemType;
import io.neoinfra.gateway.problems.RequestBodies;
import io.neoinfra.gateway.problems.RequestSchema;
import io.neoinfra.gateway.security.Caller;
import io.neoinfra.gateway.security.SecuritySettings;
import io.neoinfra.producer.deadletter.DeadLetterException;
import io.neoinfra.producer.deadletter.DeadLetterFilter;
import io.neoinfra.producer.deadletter.DeadLetterId;
import io.neoinfra.producer.deadletter.DeadLetters;
import io.neoinfra.producer.deadletter.ReplayRequest;
import io.neoinfra.schemas.serde.NeoJson;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newest dead letters, filtered (from the gateway's view of the topic); one dead letter in full, and replays,
 * through the event-producer library's {@link DeadLetters}: the same code as {@code neo-events dlt show|replay}.
 */
@RestController
@RequestMapping("/api/v1/deadletters")
@Tag(name = "deadletters")
class DeadLetterController {

  private static final int MAX_LIMIT = 1000;

  private final DeadLetterStore store;
  private final DeadLetters deadLetters;
  private final DeadLetterApiSettings settings;
  private final RequestBodies bodies;
  private final SecuritySettings security;
  private final DeadLetterBodies json = new DeadLetterBodies(NeoJson.newMapper());

  DeadLetterController(DeadLetterStore store, DeadLetters deadLetters, DeadLetterApiSettings settings,
      RequestBodies bodies, SecuritySettings security) {
    this.store = store;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.bodies = bodies;
    this.security = security;
  }

  @GetMapping("/{id}")
  @Operation(summary = "One dead letter by <partition>-<offset> on the dead-letter topic: every header decoded, the "
      + "value (JSON with credential-like fields redacted; other values by size only); 404 when there is none")
  Map<String, Object> show(@PathVariable String id) {
    DeadLetterId letterId = DeadLetterIds.parse(id).orElseThrow(() -> ApiProblemException.notFound("dead letter"));
    io.neoinfra.producer.deadletter.DeadLetter letter = kafka(() -> deadLetters.find(letterId))
        .orElseThrow(() -> ApiProblemException.notFound("dead letter"));
    return json.letter(deadLetters.deadLetterTopic(), letter);
  }

  @PostMapping(value = "/replay", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
  @Operation(summary = "Replay dead letters selected by filter and/or offsets to their source topic (or "
      + "target_topic), at rate_per_second, recorded in the replay log (header neo-replayed-from); dry_run lists what "
      + "would be replayed; a dead letter replayed before is reported, not sent again, unless force. 200 with the "
      + "report",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ReplayBody.class))))
  Map<String, Object> replay(@RequestBody(required = false) byte[] body, JwtAuthenticationToken auth,
      HttpServletRequest http) {
    ReplayBody request = bodies.read(body, RequestSchema.DEADLETTER_REPLAY, ReplayBody.class);
    DeadLetterFilter selection = selection(request);
    http.setAttribute(AuditFilter.RESOURCE, deadLetters.deadLetterTopic());
    ReplayRequest replay = ReplayRequest.of(selection)
        .toTopic(request.targetTopic())
        .dryRun(Boolean.TRUE.equals(request.dryRun()))
        .ratePerSecond(request.ratePerSecond() == null ? settings.defaultRatePerSecond() : request.ratePerSecond())
        .force(Boolean.TRUE.equals(request.force()))
        .requestedBy(Caller.of(auth, security.usernameClaim()).name())
        .build();
    return json.report(kafka(() -> deadLetters.replay(replay)));
  }

  // The schema checked shapes; what it cannot check (instants, their order) is checked here, all errors at once.
  private static DeadLetterFilter selection(ReplayBody request) {
    List<FieldError> errors = new ArrayList<>();
    DeadLetterFilter.Builder filter = DeadLetterFilter.builder();
    for (int i = 0; i < request.offsets().size(); i++) {
      var parsed = DeadLetterIds.parse(request.offsets().get(i));
      if (parsed.isEmpty()) {
        errors.add(new FieldError("$.offsets[" + i + "]", "pattern", "expected <partition>-<offset>"));
      } else {
        filter.offsets(List.of(parsed.get()));
      }
    }
    ReplayBody.Filter criteria = request.filter();
    if (criteria != null) {
      filter.eventTypes(criteria.eventTypes()).errorClasses(criteria.errorClasses())
          .databaseIds(criteria.databaseIds()).executionIds(criteria.executionIds());
      Instant since = instant(errors, "$.filter.since", criteria.since());
      Instant until = instant(errors, "$.filter.until", criteria.until());
      if (since != null && until != null && !since.isBefore(until)) {
        errors.add(new FieldError("$.filter.until", "range", "must be after since"));
      }
      filter.since(since).until(until);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return filter.build();
  }

  private static Instant instant(List<FieldError> errors, String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "format", "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z"));
      return null;
    }
  }

  private static <T> T kafka(Supplier<T> call) {
    try {
      return call.get();
    } catch (DeadLetterException e) {
      if (e.code() == DeadLetterException.Code.TOPIC_NOT_FOUND) {
        throw new ApiProblemException(ProblemType.NOT_FOUND, "the dead-letter topic does not exist (yet)");
      }
      throw new ApiProblemException(ProblemType.EVENT_BUS_UNAVAILABLE, "Kafka did not answer: " + e.code());
    }
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
