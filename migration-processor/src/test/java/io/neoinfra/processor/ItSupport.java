package io.neoinfra.processor;

import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Shared steps of the integration tests: unique settings, publishing events, following topics. */
final class ItSupport {

  static final Contracts CONTRACTS = new Contracts();
  static final LifecycleEventCodec CODEC = new LifecycleEventCodec(CONTRACTS.mapper(), CONTRACTS.validator());

  private ItSupport() {}

  /** Settings for a fresh application on the shared broker: unique prefix, id and state dir; fast tiers. */
  static ProcessorSettings settings(KafkaTestBroker broker) {
    String unique = KafkaTestBroker.uniqueName("it");
    try {
      Path stateDir = Files.createTempDirectory("processor-it");
      return ProcessorSettings.defaults(broker.bootstrapServers())
          .withApplicationId(unique)
          .withTopicPrefix(unique + ".")
          .withStateDir(stateDir)
          .withPartitions(2)
          .withRetries(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 3, 0.1)
          .withIntervals(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(200))
          .withStreamsOverrides(Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1500"))
          .validate();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void publish(KafkaProducer<String, byte[]> producer, ProcessorTopics topics, LifecycleEvent event) {
    producer.send(CODEC.encode(topics.shared().lifecycle(Priority.NORMAL), event, URI.create("/it")));
  }

  /** Follows a topic on a background thread, keeping every record. */
  static final class Follower implements AutoCloseable {
    final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    final Map<String, ExecutionView> views = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    Follower(KafkaTestBroker broker, String topic) {
      KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.consumerProps(
          KafkaTestBroker.uniqueName("follower")));
      consumer.subscribe(List.of(topic));
      thread = new Thread(() -> {
        try (consumer) {
          while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
              records.add(record);
              if (record.value() != null
                  && CONTRACTS.executions().codec().read(record.value()) instanceof Decoded.Valid<ExecutionView> v) {
                views.put(record.key(), v.value());
              }
            }
          }
        }
      }, "follower-" + topic);
      thread.setDaemon(true);
      thread.start();
    }

    ExecutionView view(String id) {
      return views.get(id);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }
  }
}
