package io.neoinfra.gateway.executions;

import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A page of executions, newest first: {@code search} (substring of id, requester, scope, database ids), {@code
 * status}, {@code limit}, and an opaque {@code cursor} (the position after the last item of the previous page).
 * Every bad parameter is one 422 field error.
 */
record ExecutionQuery(String search, ExecutionStatus status, int limit, Position after) {

  record Position(Instant createdAt, String id) {}

  record Page(List<ExecutionView> items, String nextCursor) {}

  static final Comparator<ExecutionView> NEWEST_FIRST = Comparator
      .comparing((ExecutionView v) -> v.createdAt() == null ? Instant.EPOCH : v.createdAt()).reversed()
      .thenComparing(ExecutionView::id, Comparator.reverseOrder());

  static ExecutionQuery parse(String search, String status, String limit, String cursor, ExecutionSettings settings) {
    List<FieldError> errors = new ArrayList<>();
    if (search != null && search.length() > 200) {
      errors.add(new FieldError("search", "maxLength", "at most 200 characters"));
    }
    ExecutionStatus parsedStatus = null;
    if (status != null && !status.isBlank()) {
      try {
        parsedStatus = ExecutionStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("status", "enum", "must be one of PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, "
            + "REJECTED"));
      }
    }
    int parsedLimit = settings.defaultLimit();
    if (limit != null) {
      try {
        parsedLimit = Integer.parseInt(limit.trim());
        if (parsedLimit < 1 || parsedLimit > settings.maxLimit()) {
          errors.add(new FieldError("limit", "range", "must be between 1 and " + settings.maxLimit()));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "type", "must be an integer"));
      }
    }
    Position after = null;
    if (cursor != null && !cursor.isBlank()) {
      after = decode(cursor);
      if (after == null) {
        errors.add(new FieldError("cursor", "format", "not a cursor returned by this API"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ExecutionQuery(search == null || search.isBlank() ? null : search.toLowerCase(Locale.ROOT),
        parsedStatus, parsedLimit, after);
  }

  Page run(Stream<ExecutionView> all) {
    List<ExecutionView> matching = all.filter(this::matches).sorted(NEWEST_FIRST)
        .filter(v -> after == null || NEWEST_FIRST.compare(v, probe(after)) > 0)
        .limit(limit + 1L)
        .toList();
    if (matching.size() <= limit) {
      return new Page(matching, null);
    }
    List<ExecutionView> page = matching.subList(0, limit);
    ExecutionView last = page.get(page.size() - 1);
    return new Page(page, encode(new Position(last.createdAt() == null ? Instant.EPOCH : last.createdAt(), last.id())));
  }

  private boolean matches(ExecutionView v) {
    if (status != null && v.status() != status) {
      return false;
    }
    if (search == null) {
      return true;
    }
    return contains(v.id()) || contains(v.requestedBy()) || (v.scope() != null && contains(v.scope().name()))
        || v.targets().stream().map(TargetState::databaseId).anyMatch(this::contains);
  }

  private boolean contains(String value) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(search);
  }

  private static ExecutionView probe(Position p) {
    return new ExecutionView(p.id(), null, null, null, ExecutionStatus.PENDING, false, null, null, null, p.createdAt(),
        null, null, null, 0, null, null, null, null);
  }

  static String encode(Position p) {
    String raw = p.createdAt() + "|" + p.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Position decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar <= 0 || bar == raw.length() - 1) {
        return null;
      }
      return new Position(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
