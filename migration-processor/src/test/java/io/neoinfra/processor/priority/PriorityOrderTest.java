package io.neoinfra.processor.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.processor.execution.ExecutionInput;
import io.neoinfra.processor.execution.StartCommand;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** High and critical records get an earlier timestamp than their own; everything else keeps its own. */
class PriorityOrderTest {

  private static final long AT = 1_800_000_000_000L;
  private final Topics topics = new Topics("neo.");
  private final PriorityOrder order = new PriorityOrder(topics);

  private long extract(String topic, Object value) {
    return order.extract(new ConsumerRecord<>(topic, 0, 0, AT, TimestampType.CREATE_TIME, 0, 0, "key", value,
        new RecordHeaders(), Optional.empty()), 0);
  }

  @Test
  void criticalAndHighLifecycleEventsLeadByTwentyAndTenMinutes() {
    assertThat(extract(topics.lifecycle(Priority.CRITICAL), new byte[0]))
        .isEqualTo(AT - Duration.ofMinutes(20).toMillis());
    assertThat(extract(topics.lifecycle(Priority.HIGH), new byte[0])).isEqualTo(AT - Duration.ofMinutes(10).toMillis());
  }

  @Test
  void normalAndLowLifecycleEventsKeepTheirOwnTimestamp() {
    assertThat(extract(topics.lifecycle(Priority.NORMAL), new byte[0])).isEqualTo(AT);
    assertThat(extract(topics.lifecycle(Priority.LOW), new byte[0])).isEqualTo(AT);
  }

  @Test
  void aStartCommandLeadsByItsOwnPriority() {
    StartCommand command = new StartCommand("e-1", ExecutionKind.MIGRATION, Scope.TENANT, MigrationOperation.MIGRATE,
        null, null, null, false, Priority.CRITICAL, false, null, null, "it", null, null, null, Instant.EPOCH);

    assertThat(extract("neo.migration.commands.critical", new ExecutionInput.Start(command)))
        .isEqualTo(AT - Duration.ofMinutes(20).toMillis());
  }

  @Test
  void resultsKeepTheirOwnTimestamp() {
    assertThat(extract(topics.results(), new ExecutionInput.Unreadable(new byte[0], "x", "y"))).isEqualTo(AT);
  }

  @Test
  void theOriginalTimestampComesBackForADeadLetter() {
    long extracted = extract(topics.lifecycle(Priority.CRITICAL), new byte[0]);

    assertThat(PriorityOrder.original(extracted, Priority.CRITICAL)).isEqualTo(AT);
  }
}
