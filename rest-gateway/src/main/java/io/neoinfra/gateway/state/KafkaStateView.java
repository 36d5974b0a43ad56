package io.neoinfra.gateway.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the compacted state topics from the beginning into local stores, assigned to every partition with no consumer
 * group: each gateway replica has the whole view and a restart rebuilds it, so nothing is lost. Topics that do not
 * exist yet are looked up again every {@code topicRetry}.
 */
public final class KafkaStateView implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KafkaStateView.class);

  private final Consumer<String, byte[]> consumer;
  private final Map<String, RecordHandler> handlers;
  private final StateSettings settings;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private final Set<String> topicsFound = new HashSet<>();
  private volatile boolean lookedUp;
  private volatile Map<TopicPartition, Long> startupEnd = Map.of();
  private volatile boolean caughtUp;
  private volatile boolean running;
  private Thread thread;

  public KafkaStateView(Consumer<String, byte[]> consumer, List<RecordHandler> handlers, StateSettings settings) {
    this.consumer = consumer;
    this.handlers = handlers.stream().collect(Collectors.toMap(RecordHandler::topic, Function.identity()));
    this.settings = settings;
  }

  /** Whether the view has read, at least once, everything that was on its topics when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "gateway-state-view");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    consumer.wakeup();
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Not paused with an idle context (Spring's test context cache pauses inactive contexts): {@link #stop()} closes the
   * consumer for good, and a view that stopped reading would serve stale answers once the context is used again.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  private void run() {
    Instant nextLookup = Instant.MIN;
    try {
      while (running) {
        if (topicsFound.size() < handlers.size() && Instant.now().isAfter(nextLookup)) {
          assignNewPartitions();
          nextLookup = Instant.now().plus(settings.topicRetry());
        }
        if (assigned.isEmpty()) {
          // Nothing exists yet, so there is nothing to catch up with.
          caughtUp = lookedUp;
          waitFor(settings.topicRetry());
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
          try {
            handlers.get(record.topic()).apply(record);
          } catch (RuntimeException e) {
            // A store never throws on bad input; anything else is a bug, and it must not stop the view.
            log.error("state view failed on {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
          }
        }
        if (!caughtUp && lookedUp) {
          caughtUp = startupEnd.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
          if (caughtUp) {
            log.info("state view caught up on {} partitions", assigned.size());
          }
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("state view woken up while running", e);
      }
    } catch (RuntimeException e) {
      log.error("state view stopped", e);
    } finally {
      consumer.close();
    }
  }

  private void assignNewPartitions() {
    List<TopicPartition> fresh = new ArrayList<>();
    for (String topic : handlers.keySet()) {
      if (topicsFound.contains(topic)) {
        continue;
      }
      List<PartitionInfo> infos;
      try {
        infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        if (e instanceof WakeupException w) {
          throw w;
        }
        log.debug("cannot look up {} yet: {}", topic, e.toString());
        continue;
      }
      if (infos == null || infos.isEmpty()) {
        continue;
      }
      topicsFound.add(topic);
      for (PartitionInfo info : infos) {
        TopicPartition tp = new TopicPartition(info.topic(), info.partition());
        if (!assigned.contains(tp)) {
          fresh.add(tp);
        }
      }
    }
    if (fresh.isEmpty()) {
      lookedUp = true;
      return;
    }
    assigned.addAll(fresh);
    consumer.assign(List.copyOf(assigned));
    consumer.seekToBeginning(fresh);
    Map<TopicPartition, Long> end = new HashMap<>(startupEnd);
    if (!caughtUp) {
      end.putAll(consumer.endOffsets(fresh));
      startupEnd = Map.copyOf(end);
    }
    lookedUp = true;
    log.info("state view reads {} from the beginning", fresh);
  }

  private void waitFor(Duration duration) {
    // Parks the view thread only (no topic to read yet); a wakeup from stop() is seen by the next poll.
    java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
  }
}
