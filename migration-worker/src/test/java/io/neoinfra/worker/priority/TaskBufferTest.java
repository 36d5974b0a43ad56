package io.neoinfra.worker.priority;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Priority;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskBufferTest {

  @Test
  void freeSlotTakesTheHighestPriorityFirst() throws InterruptedException {
    // given
    TaskBuffer buffer = new TaskBuffer(2);
    buffer.offer(task(Priority.LOW, 1));
    buffer.offer(task(Priority.NORMAL, 2));
    buffer.offer(task(Priority.CRITICAL, 3));

    // then
    assertThat(buffer.take(10).priority()).isEqualTo(Priority.CRITICAL);
    assertThat(buffer.take(10).priority()).isEqualTo(Priority.NORMAL);
    assertThat(buffer.take(10).priority()).isEqualTo(Priority.LOW);
    assertThat(buffer.take(10)).isNull();
  }

  @Test
  void refusesRecordsBeyondItsCapacityPerPriority() {
    TaskBuffer buffer = new TaskBuffer(1);

    assertThat(buffer.offer(task(Priority.LOW, 1))).isTrue();
    assertThat(buffer.offer(task(Priority.LOW, 2))).isFalse();
    assertThat(buffer.offer(task(Priority.CRITICAL, 3))).isTrue();
  }

  @Test
  void closingHandsBackWhatWasNeverStarted() {
    TaskBuffer buffer = new TaskBuffer(4);
    buffer.offer(task(Priority.HIGH, 1));

    List<PendingTask> left = buffer.close();

    assertThat(left).hasSize(1);
    assertThat(buffer.offer(task(Priority.HIGH, 2))).isFalse();
  }

  private static PendingTask task(Priority priority, long offset) {
    TopicPartition partition = new TopicPartition("neo.migration.tasks." + priority.wireName(), 0);
    return new PendingTask(priority, partition, new ConsumerRecord<>(partition.topic(), 0, offset, "k", new byte[0]));
  }
}
