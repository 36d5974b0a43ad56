package io.neoinfra.worker.priority;

import io.neoinfra.schemas.events.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The few fetched records waiting for a free slot, one small queue per priority; a free slot always takes the highest
 * priority first. Bounded per priority, so a backlog stays in Kafka and a critical task is fetched and run as soon as
 * one slot frees up.
 */
final class TaskBuffer {

  private final int capacityPerPriority;
  private final Map<Priority, ArrayDeque<PendingTask>> queues = new EnumMap<>(Priority.class);
  private boolean closed;

  TaskBuffer(int capacityPerPriority) {
    this.capacityPerPriority = capacityPerPriority;
    for (Priority priority : Priority.values()) {
      queues.put(priority, new ArrayDeque<>());
    }
  }

  int capacityPerPriority() {
    return capacityPerPriority;
  }

  /** False when that priority's queue is full: the caller leaves the record in Kafka (seeks back to it). */
  synchronized boolean offer(PendingTask task) {
    ArrayDeque<PendingTask> queue = queues.get(task.priority());
    if (closed || queue.size() >= capacityPerPriority) {
      return false;
    }
    queue.addLast(task);
    notifyAll();
    return true;
  }

  /** The next task, highest priority first; null after {@code timeoutMillis} or once closed. */
  synchronized PendingTask take(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (!closed) {
      for (Priority priority : Priority.values()) {
        PendingTask next = queues.get(priority).pollFirst();
        if (next != null) {
          return next;
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      wait(left);
    }
    return null;
  }

  /** True when some priority's queue is full, i.e. its partitions are paused until a slot takes from it. */
  synchronized boolean anyFull() {
    return queues.values().stream().anyMatch(queue -> queue.size() >= capacityPerPriority);
  }

  synchronized int size(Priority priority) {
    return queues.get(priority).size();
  }

  /** Drops the records of partitions this worker no longer owns; their new owner will fetch them. */
  synchronized void removePartitions(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    queues.values().forEach(queue -> queue.removeIf(task -> partitions.contains(task.partition())));
  }

  /** Empties the buffer and refuses further records (shutdown); the returned tasks were never started. */
  synchronized List<PendingTask> close() {
    closed = true;
    List<PendingTask> left = new ArrayList<>();
    queues.values().forEach(queue -> {
      left.addAll(queue);
      queue.clear();
    });
    notifyAll();
    return left;
  }
}
