package io.neoinfra.harness.platform;

import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows what the platform writes, from the beginning, on a background thread: execution views, dead letters
 * (headers only) and the registry's keys. A plain consumer: it rides out a broker restart by reconnecting.
 */
public final class PlatformObserver implements AutoCloseable {

  /** A dead letter as the checks need it: its key, where it came from and the {@code neo-dlt-*} headers. */
  public record DeadLetter(String key, String sourceTopic, Map<String, String> headers) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private final Contracts contracts = new Contracts();
  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, ExecutionView> executions = new ConcurrentHashMap<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final Set<String> databases = ConcurrentHashMap.newKeySet();
  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private final AtomicLong undecodableViews = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  public PlatformObserver(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "platform-observer-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // only what the processor committed: an aborted exactly-once transaction is not what happened
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    consumer.subscribe(List.of(topics.executions(), topics.deadLetters(), topics.databases(), topics.tenants()));
    thread = new Thread(this::follow, "platform-observer");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          take(record);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close();
    }
  }

  private void take(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(topics.deadLetters())) {
      Map<String, String> headers = new ConcurrentHashMap<>();
      for (Header header : record.headers()) {
        if (header.key().startsWith("neo-dlt-") && header.value() != null) {
          headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
      }
      deadLetters.add(new DeadLetter(record.key(), headers.get("neo-dlt-source-topic"), Map.copyOf(headers)));
    } else if (topic.equals(topics.executions()) && record.value() != null) {
      if (contracts.executions().codec().read(record.value()) instanceof Decoded.Valid<ExecutionView> valid) {
        executions.put(record.key(), valid.value());
      } else {
        undecodableViews.incrementAndGet();
      }
    } else if (topic.equals(topics.databases()) && record.key() != null) {
      if (record.value() == null) {
        databases.remove(record.key());
      } else {
        databases.add(record.key());
      }
    } else if (topic.equals(topics.tenants()) && record.key() != null) {
      if (record.value() == null) {
        tenants.remove(record.key());
      } else {
        tenants.add(record.key());
      }
    }
  }

  public Optional<ExecutionView> execution(String id) {
    return Optional.ofNullable(executions.get(id));
  }

  public Map<String, ExecutionView> executions() {
    return Map.copyOf(executions);
  }

  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  public boolean databaseRegistered(String databaseId) {
    return databases.contains(databaseId);
  }

  public long tenantsStartingWith(String prefix) {
    return tenants.stream().filter(t -> t.startsWith(prefix)).count();
  }

  /** Execution views on the topic that did not match their schema: there should be none. */
  public long undecodableViews() {
    return undecodableViews.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
