package io.neoinfra.gateway.databases;

import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Decoded;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the workers' answers ({@code neo.health.results}) from the latest offset, on every partition and with no
 * consumer group: every gateway replica sees every answer and completes the ones it is waiting for, matched by
 * request id; the others are ignored. It is ready once it is positioned at the end of every partition, so that no
 * answer to a request sent after that can be missed.
 */
final class HealthAnswers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HealthAnswers.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final ContractCodec<HealthResult> codec;
  private final Duration topicRetry;
  private final Map<String, CompletableFuture<HealthResult>> waiting = new ConcurrentHashMap<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile boolean running;
  private Thread thread;

  HealthAnswers(Consumer<String, byte[]> consumer, String topic, ContractCodec<HealthResult> codec,
      Duration topicRetry) {
    this.consumer = consumer;
    this.topic = topic;
    this.codec = codec;
    this.topicRetry = topicRetry;
  }

  /** Waits until answers can be received; false if that did not happen within {@code timeout}. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The answer to {@code requestId}, once it arrives; call before the request is sent. */
  CompletableFuture<HealthResult> expect(String requestId) {
    return waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
  }

  /** Stops waiting for {@code requestId} (answered or given up). */
  void forget(String requestId) {
    waiting.remove(requestId);
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "gateway-health-answers");
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
    try {
      while (running && ready.getCount() > 0) {
        if (!assignAtTheEnd()) {
          // Parks this thread only: the topic does not exist yet; a wakeup from stop() is seen by the next call.
          LockSupport.parkNanos(topicRetry.toNanos());
        }
      }
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          complete(record);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("health answers woken up while running", e);
      }
    } catch (RuntimeException e) {
      log.error("health answers stopped", e);
    } finally {
      consumer.close();
    }
  }

  private boolean assignAtTheEnd() {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      log.debug("cannot look up {} yet: {}", topic, e.toString());
      return false;
    }
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: asking for the position resolves it now, before anyone is told that answers can be read.
    partitions.forEach(consumer::position);
    ready.countDown();
    log.info("health answers read {} from its end", partitions);
    return true;
  }

  private void complete(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    if (codec.read(record.value()) instanceof Decoded.Valid<HealthResult> valid) {
      CompletableFuture<HealthResult> answer = waiting.remove(valid.value().requestId());
      if (answer != null) {
        answer.complete(valid.value());
      }
    } else {
      log.warn("unreadable health answer at {}-{}@{} ignored", record.topic(), record.partition(), record.offset());
    }
  }
}
