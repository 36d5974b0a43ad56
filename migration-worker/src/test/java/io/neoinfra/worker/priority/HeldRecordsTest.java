package io.neoinfra.worker.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HeldRecordsTest {

  @Test
  void drainsHeldRecordsIntoTheBufferInOffsetOrderUntilItIsFull() throws InterruptedException {
    // given
    HeldRecords held = new HeldRecords();
    TaskBuffer buffer = new TaskBuffer(2);
    for (long offset = 10; offset < 15; offset++) {
      held.hold(task(Priority.NORMAL, 0, offset));
    }
    List<Long> moved = new ArrayList<>();

    // when
    held.drainInto(buffer, task -> moved.add(task.offset()));

    // then
    assertThat(moved).containsExactly(10L, 11L);
    assertThat(held.size()).isEqualTo(3);
    assertThat(buffer.take(10).offset()).isEqualTo(10L);
  }

  @Test
  void aPartitionStaysHeldUntilItsLastRecordHasMoved() {
    HeldRecords held = new HeldRecords();
    TaskBuffer buffer = new TaskBuffer(1);
    held.hold(task(Priority.LOW, 3, 1));
    held.hold(task(Priority.LOW, 3, 2));

    held.drainInto(buffer, task -> {});

    assertThat(held.holds(partition(Priority.LOW, 3))).isTrue();
    assertThat(held.holdsAny(Priority.LOW)).isTrue();
  }

  @Test
  void drainsTheHighestPriorityFirst() {
    HeldRecords held = new HeldRecords();
    TaskBuffer buffer = new TaskBuffer(8);
    held.hold(task(Priority.LOW, 0, 1));
    held.hold(task(Priority.CRITICAL, 0, 7));
    held.hold(task(Priority.NORMAL, 0, 4));
    List<Priority> order = new ArrayList<>();

    held.drainInto(buffer, task -> order.add(task.priority()));

    assertThat(order).containsExactly(Priority.CRITICAL, Priority.NORMAL, Priority.LOW);
    assertThat(held.isEmpty()).isTrue();
  }

  @Test
  void releasingAPartitionForgetsItsRecordsOnly() {
    HeldRecords held = new HeldRecords();
    held.hold(task(Priority.NORMAL, 0, 1));
    held.hold(task(Priority.NORMAL, 1, 1));

    held.release(Set.of(partition(Priority.NORMAL, 0)));

    assertThat(held.holds(partition(Priority.NORMAL, 0))).isFalse();
    assertThat(held.holds(partition(Priority.NORMAL, 1))).isTrue();
  }

  private static TopicPartition partition(Priority priority, int number) {
    return new TopicPartition("neo.migration.tasks." + priority.wireName(), number);
  }

  private static PendingTask task(Priority priority, int partitionNumber, long offset) {
    TopicPartition partition = partition(priority, partitionNumber);
    return new PendingTask(priority, partition,
        new ConsumerRecord<>(partition.topic(), partitionNumber, offset, "k", new byte[0]));
  }
}
