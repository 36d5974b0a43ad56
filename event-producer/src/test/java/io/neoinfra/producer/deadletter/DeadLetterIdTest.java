package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeadLetterIdTest {

  @Test
  void parsesColonAndSlashForms() {
    assertThat(DeadLetterId.parse("2:17")).isEqualTo(new DeadLetterId(2, 17));
    assertThat(DeadLetterId.parse(" 0/5 ")).isEqualTo(new DeadLetterId(0, 5));
  }

  @Test
  void parsesAListKeepingItsOrderWithoutDuplicates() {
    assertThat(DeadLetterId.parseList("1:3,0:9,1:3,"))
        .containsExactly(new DeadLetterId(1, 3), new DeadLetterId(0, 9));
  }

  @Test
  void replayReferenceAndLogKeyNameTheDeadLetter() {
    DeadLetterId id = new DeadLetterId(1, 42);

    assertThat(id.key()).isEqualTo("1/42");
    assertThat(id.reference("neo.migration.dlt")).isEqualTo("neo.migration.dlt/1/42");
  }

  @Test
  void refusesWhatIsNotPartitionColonOffset() {
    assertThatThrownBy(() -> DeadLetterId.parse("17")).hasMessageContaining("PARTITION:OFFSET");
    assertThatThrownBy(() -> DeadLetterId.parse("a:b")).hasMessageContaining("numbers");
    assertThatThrownBy(() -> DeadLetterId.parse("-1:3")).isInstanceOf(IllegalArgumentException.class);
  }
}
