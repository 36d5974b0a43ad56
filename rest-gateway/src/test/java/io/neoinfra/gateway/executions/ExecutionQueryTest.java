package io.neoinfra.gateway.executions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neoinfra.gateway.problems.InvalidRequestException;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.validation.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExecutionQueryTest {

  private final ExecutionSettings settings = new ExecutionSettings(50, 500, Duration.ofMinutes(1), 1);

  @Test
  void cursorWalksEveryExecutionOnceNewestFirst() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00.123456789Z");
    // Two executions share each creation time: the id breaks the tie, so paging never skips or repeats one.
    List<ExecutionView> all = IntStream.range(0, 25)
        .mapToObj(i -> view("exec-" + i, t0.plusSeconds(i / 2), ExecutionStatus.COMPLETED)).toList();

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page = ExecutionQuery.parse(null, null, "7", cursor, settings).run(all.stream());
      page.items().forEach(v -> seen.add(v.id()));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    assertThat(seen.get(0)).isEqualTo("exec-24");
  }

  @Test
  void searchAndStatusFilter() {
    List<ExecutionView> all = List.of(view("exec-a", Instant.now(), ExecutionStatus.RUNNING),
        view("exec-b", Instant.now(), ExecutionStatus.FAILED));
    var page = ExecutionQuery.parse("EXEC", "failed", null, null, settings).run(all.stream());
    assertThat(page.items()).extracting(ExecutionView::id).containsExactly("exec-b");
  }

  @Test
  void everyBadParameterIsReportedAtOnce() {
    assertThatThrownBy(() -> ExecutionQuery.parse("x".repeat(300), "DONE", "abc", "%%%", settings))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(
            ((List<?>) e.properties().get("errors")).stream().map(f -> ((FieldError) f).field()))
            .containsExactlyInAnyOrder("search", "status", "limit", "cursor"));
  }

  private static ExecutionView view(String id, Instant createdAt, ExecutionStatus status) {
    return new ExecutionView(id, ExecutionKind.MIGRATION, null, null, status, false, Priority.NORMAL, null, null,
        createdAt, null, null, null, 0, null, null, "tester", null);
  }
}
