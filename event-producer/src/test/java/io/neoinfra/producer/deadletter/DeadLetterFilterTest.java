package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLetterFilterTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

  private static DeadLetter letter(int offset, String type, String errorClass, String db, Instant lastFailure) {
    return new DeadLetter(new DeadLetterId(0, offset), T.minusSeconds(3600), "k", new byte[0], List.of(),
        new DeadLetter.Failure(errorClass, "m", 1, null, lastFailure, "migration-worker"),
        new DeadLetter.Origin("neo.lifecycle.normal", 0, 1L), type, "exec-1", db, null);
  }

  @Test
  void emptyFilterMatchesEverything() {
    assertThat(DeadLetterFilter.all().matches(letter(1, null, null, null, null))).isTrue();
  }

  @Test
  void criteriaCombineWithAndAndValuesWithOr() {
    DeadLetterFilter filter = DeadLetterFilter.builder()
        .eventTypes(List.of("a", "b"))
        .errorClasses(List.of("timeout"))
        .build();

    assertThat(filter.matches(letter(1, "a", "timeout", "db", T))).isTrue();
    assertThat(filter.matches(letter(2, "b", "timeout", "db", T))).isTrue();
    assertThat(filter.matches(letter(3, "b", "sql_error", "db", T))).isFalse();
    assertThat(filter.matches(letter(4, "c", "timeout", "db", T))).isFalse();
  }

  @Test
  void timeRangeIsSinceInclusiveUntilExclusiveOnTheLastFailure() {
    DeadLetterFilter filter = DeadLetterFilter.builder().since(T).until(T.plusSeconds(10)).build();

    assertThat(filter.matches(letter(1, null, null, null, T))).isTrue();
    assertThat(filter.matches(letter(2, null, null, null, T.plusSeconds(10)))).isFalse();
    assertThat(filter.matches(letter(3, null, null, null, T.minusMillis(1)))).isFalse();
    // without a last-failure header the record's timestamp (T - 1h) counts
    assertThat(filter.matches(letter(4, null, null, null, null))).isFalse();
  }

  @Test
  void offsetsSelectExactRecords() {
    DeadLetterFilter filter = DeadLetterFilter.builder().offsets(DeadLetterId.parseList("0:2,0:4")).build();

    assertThat(filter.matches(letter(2, null, null, null, T))).isTrue();
    assertThat(filter.matches(letter(3, null, null, null, T))).isFalse();
    assertThat(DeadLetters.startOffsets(filter)).containsEntry(0, 2L).hasSize(1);
  }

  @Test
  void emptyTimeRangeIsRefused() {
    assertThatThrownBy(() -> DeadLetterFilter.builder().since(T).until(T).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time range is empty");
  }
}
