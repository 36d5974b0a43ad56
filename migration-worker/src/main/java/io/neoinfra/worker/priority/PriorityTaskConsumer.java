package io.neoinfra.worker.priority;

import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.worker.reporting.ResultNotWrittenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the four task topics as one group and runs up to N tasks at once, higher priorities first. Kafka has no
 * priorities, so the poll thread keeps a small buffer per priority and, before each poll, pauses the partitions of a
 * priority whose buffer is full or while any higher priority has buffered work, and resumes them otherwise. A critical
 * task therefore waits at most for one running task to finish, never behind a backlog of lower ones, which stays in
 * Kafka. Records fetched beyond what the buffer takes are held by the poll thread ({@link HeldRecords}) with their
 * partition paused, not dropped and fetched again.
 *
 * <p>Offsets are committed only up to the lowest task whose outcome is not yet written (at-least-once).
 */
public final class PriorityTaskConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PriorityTaskConsumer.class);
  private static final Duration POLL = Duration.ofMillis(100);
  /**
   * While a queue is full its partitions are paused, and {@code poll} only wakes for records of the others: a long
   * poll would leave the slots that empty that queue idle until it ends. Short polls refill it within a few ms.
   */
  private static final Duration REFILL_POLL = Duration.ofMillis(5);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Topics topics;
  private final Function<ConsumerRecord<String, byte[]>, CompletableFuture<Void>> handler;
  /** Tasks done but not yet acknowledged by the broker; bounded so a crash re-runs at most this many extra tasks. */
  private final Semaphore unwritten;
  private final int maxUnwritten;
  /** Tasks whose outcome the broker did not take: a slot runs them again (Flyway makes the re-run a no-op). */
  private final BlockingQueue<PendingTask> rewrite = new LinkedBlockingQueue<>();
  private final TaskBuffer buffer;
  /** Touched by the poll thread only. */
  private final HeldRecords held = new HeldRecords();
  private final OffsetLedger ledger = new OffsetLedger();
  private final List<Thread> slots = new ArrayList<>();
  private final Thread pollThread;
  private final CountDownLatch pollStopped = new CountDownLatch(1);
  private volatile boolean fetching = true;
  private volatile boolean polling = true;
  private volatile boolean slotsRunning = true;
  private volatile boolean alive;

  /**
   * {@code handler} returns once the record is handled, with a future that completes when its outcome is written, or
   * exceptionally with {@link ResultNotWrittenException}.
   */
  public PriorityTaskConsumer(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, Topics topics,
      int concurrency, Function<ConsumerRecord<String, byte[]>, CompletableFuture<Void>> handler) {
    this.consumer = consumer;
    this.topics = topics;
    this.handler = handler;
    this.maxUnwritten = 2 * concurrency;
    this.unwritten = new Semaphore(maxUnwritten);
    this.buffer = new TaskBuffer(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Thread slot = new Thread(this::runSlot, "neo-worker-slot-" + i);
      slot.setDaemon(true);
      slots.add(slot);
    }
    this.pollThread = new Thread(this::runPoll, "neo-worker-poll");
    this.pollThread.setDaemon(true);
  }

  public void start() {
    alive = true;
    pollThread.start();
    slots.forEach(Thread::start);
  }

  /** True while the poll loop runs: the health endpoint's answer. */
  public boolean alive() {
    return alive;
  }

  private void runPoll() {
    try {
      consumer.subscribe(topics.tasksAll(), new Rebalance());
      while (polling) {
        if (fetching) {
          held.drainInto(buffer, task -> ledger.accepted(task.partition(), task.offset()));
          updatePauses();
        } else {
          held.clear(); // never accepted, so never committed: the next owner fetches them
          consumer.pause(consumer.assignment());
        }
        boolean refilling = fetching && (buffer.anyFull() || !held.isEmpty());
        ConsumerRecords<String, byte[]> records = consumer.poll(refilling ? REFILL_POLL : POLL);
        for (TopicPartition partition : records.partitions()) {
          accept(partition, records.records(partition));
        }
        commit(ledger.committable());
      }
      commitSync(ledger.committable());
    } catch (WakeupException e) {
      commitSync(ledger.committable());
    } catch (RuntimeException e) {
      log.error("task consumer stopped", e);
    } finally {
      alive = false;
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.warn("closing the task consumer failed", e);
      }
      pollStopped.countDown();
    }
  }

  private void accept(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
    Priority priority = topics.priorityOf(partition.topic()).orElseThrow();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!fetching) {
        consumer.seek(partition, record.offset()); // stopping: leave the rest in Kafka for the next owner
        return;
      }
      PendingTask task = new PendingTask(priority, partition, record);
      if (!held.holds(partition) && buffer.offer(task)) {
        ledger.accepted(partition, record.offset());
      } else {
        held.hold(task); // behind the ones already held, in offset order; the partition is paused meanwhile
      }
    }
  }

  private void updatePauses() {
    Set<TopicPartition> assigned = consumer.assignment();
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> toPause = new ArrayList<>();
    List<TopicPartition> toResume = new ArrayList<>();
    boolean higherHasWork = false;
    for (Priority priority : Priority.values()) {
      boolean pauseAll = higherHasWork || buffer.size(priority) >= buffer.capacityPerPriority();
      for (TopicPartition partition : assigned) {
        if (!partition.topic().equals(topics.tasks(priority))) {
          continue;
        }
        boolean pause = pauseAll || held.holds(partition);
        if (pause && !paused.contains(partition)) {
          toPause.add(partition);
        } else if (!pause && paused.contains(partition)) {
          toResume.add(partition);
        }
      }
      higherHasWork |= buffer.size(priority) > 0 || held.holdsAny(priority);
    }
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  private void runSlot() {
    while (slotsRunning) {
      PendingTask task;
      try {
        if (!unwritten.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          continue; // too many outcomes still unacknowledged: the broker is behind, wait for it
        }
        task = rewrite.poll();
        if (task != null) {
          Thread.sleep(1000); // back-off before writing again to a broker that just refused
        } else {
          task = buffer.take(200);
        }
      } catch (InterruptedException e) {
        unwritten.release();
        Thread.currentThread().interrupt();
        return;
      }
      if (task == null) {
        unwritten.release();
      } else {
        handle(task);
      }
    }
  }

  /**
   * Runs the task, then moves on while the broker acknowledges its outcome: only then is the task finished in the
   * ledger (so its offset may be committed). An outcome the broker did not take sends the task back to the slots.
   */
  private void handle(PendingTask task) {
    CompletableFuture<Void> written;
    try {
      written = handler.apply(task.record());
    } catch (ResultNotWrittenException e) {
      unwritten.release();
      log.warn("outcome of {}/{} not written, retrying: {}", task.partition(), task.offset(), e.getMessage());
      rewrite.add(task); // a dead letter is written synchronously
      return;
    } catch (RuntimeException e) {
      unwritten.release();
      // A bug in handling one record must not stop the slot; the record stays uncommitted and is re-delivered
      // after a restart.
      log.error("handling {}/{} failed", task.partition(), task.offset(), e);
      return;
    }
    written.whenComplete((ignored, error) -> {
      if (error == null) {
        ledger.finished(task.partition(), task.offset());
      } else if (slotsRunning) {
        log.warn("result of {}/{} not written, retrying: {}", task.partition(), task.offset(), error.getMessage());
        rewrite.add(task);
      }
      unwritten.release(); // after the ledger, so that awaitIdle's final commit sees this task finished
    });
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          log.warn("offset commit failed (the next one covers it): {}", error.getMessage());
        }
      });
    }
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (!offsets.isEmpty()) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.warn("final offset commit failed; those tasks will be re-delivered: {}", e.getMessage());
      }
    }
  }

  /**
   * Graceful stop, step one: fetch nothing more and hand back buffered tasks (their offsets stay uncommitted).
   */
  public void stopFetching() {
    fetching = false;
    buffer.close();
  }

  /**
   * Step two: waits up to {@code timeout} for the running tasks to finish and their outcomes to be acknowledged;
   * true if they did.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    slotsRunning = false;
    for (Thread slot : slots) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        slot.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
    if (slots.stream().anyMatch(Thread::isAlive)) {
      return false;
    }
    long left = Math.max(0, deadline - System.nanoTime());
    if (unwritten.tryAcquire(maxUnwritten, left, TimeUnit.NANOSECONDS)) {
      unwritten.release(maxUnwritten);
    }
    return true;
  }

  @Override
  public void close() {
    stopFetching();
    slotsRunning = false;
    polling = false;
    try {
      if (!pollStopped.await(30, TimeUnit.SECONDS)) {
        consumer.wakeup();
        pollStopped.await(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      held.release(partitions);
      buffer.removePartitions(new HashSet<>(partitions));
      commitSync(ledger.committable(partitions));
      ledger.forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // New partitions start unpaused; the next loop pauses them if their priority must wait.
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      held.release(partitions);
      buffer.removePartitions(new HashSet<>(partitions));
      ledger.forget(partitions);
    }
  }
}
