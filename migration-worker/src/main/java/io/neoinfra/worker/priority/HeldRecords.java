package io.neoinfra.worker.priority;

import io.neoinfra.schemas.events.Priority;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Records fetched but not yet in the {@link TaskBuffer}, per partition, kept by the poll thread (not thread-safe).
 *
 * <p>Seeking back to a record that does not fit makes the consumer drop everything it has fetched for that partition,
 * so every refill of the buffer would wait for a new fetch, and a fetch waits behind the long poll on the idle
 * partitions (up to {@code fetch.max.wait.ms}, 500 ms by default): with a backlog in one partition, a worker ran about
 * ten tasks a second whatever its slots. Holding the surplus here instead (its partition paused, at most one poll's
 * worth) refills a slot in one loop turn. The held records are not in the {@link OffsetLedger}, so a commit never
 * passes them.
 */
final class HeldRecords {

  private final Map<TopicPartition, ArrayDeque<PendingTask>> held = new LinkedHashMap<>();

  void hold(PendingTask task) {
    held.computeIfAbsent(task.partition(), p -> new ArrayDeque<>()).addLast(task);
  }

  boolean holds(TopicPartition partition) {
    return held.containsKey(partition);
  }

  boolean holdsAny(Priority priority) {
    return held.values().stream().anyMatch(queue -> queue.peekFirst().priority() == priority);
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  /**
   * Moves held records into {@code buffer}, highest priority first and in offset order per partition, until the buffer
   * refuses one; {@code moved} learns of each record that went.
   */
  void drainInto(TaskBuffer buffer, Consumer<PendingTask> moved) {
    for (Priority priority : Priority.values()) {
      var partitions = held.entrySet().iterator();
      while (partitions.hasNext()) {
        ArrayDeque<PendingTask> queue = partitions.next().getValue();
        if (queue.peekFirst().priority() != priority) {
          continue;
        }
        while (!queue.isEmpty() && buffer.offer(queue.peekFirst())) {
          moved.accept(queue.pollFirst());
        }
        if (queue.isEmpty()) {
          partitions.remove();
        }
      }
    }
  }

  /** Forgets the records of partitions this worker no longer owns, or all of them. */
  void release(Collection<TopicPartition> partitions) {
    held.keySet().removeAll(partitions);
  }

  void clear() {
    held.clear();
  }

  int size() {
    return held.values().stream().mapToInt(ArrayDeque::size).sum();
  }
}
