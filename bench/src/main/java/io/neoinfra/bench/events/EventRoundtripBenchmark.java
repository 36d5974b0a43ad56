package io.neoinfra.bench.events;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.producer.publish.PublishReceipt;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseUpdated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Publishes N lifecycle events through {@link LifecycleEventPublisher} to an embedded KRaft broker, consumes them back,
 * decodes and validates every one and checks per-key order. Reports the time of the whole round trip; a warm-up
 * round runs first so that class loading and broker start are not counted.
 */
public final class EventRoundtripBenchmark {

  private EventRoundtripBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    KafkaTestBroker kafka = KafkaTestBroker.shared();

    roundTrip(kafka, 2_000); // warm-up: JIT, class loading, first metadata fetches
    double seconds = roundTrip(kafka, events);

    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("events", events);
    metrics.put("seconds", seconds);
    metrics.put("events_per_second", events / seconds);
    BenchmarkReport.of("event-roundtrip", "./neo bench event-roundtrip " + events, metrics).publish(repoRoot);
    System.exit(0);
  }

  private static double roundTrip(KafkaTestBroker kafka, int events) throws Exception {
    Topics topics = new Topics(KafkaTestBroker.uniqueName("bench") + ".");
    kafka.createTopics(3, topics.lifecycleAll().toArray(String[]::new));
    LifecycleEventCodec codec = new LifecycleEventCodec(NeoJson.newMapper(), new ContractValidator());
    int keys = 100;
    try (LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
            .bootstrapServers(kafka.bootstrapServers()).topicPrefix(topics.prefix())
            .source(URI.create("/bench")).load();
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(kafka.consumerProps(KafkaTestBroker.uniqueName("bench-reader")))) {
      consumer.subscribe(List.of(topics.lifecycle(Priority.NORMAL)));
      consumer.poll(Duration.ofMillis(100)); // join the group before the clock starts

      long start = System.nanoTime();
      List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>(events);
      for (int i = 0; i < events; i++) {
        String id = "db-" + (i % keys);
        receipts.add(publisher.publish(new DatabaseUpdated(id, "db", ConnectionType.DEDICATED, "eu-west",
            Engine.POSTGRESQL, "127.0.0.1", 5432, "owner", null, false, i / keys + 1, null), Priority.NORMAL));
      }
      Map<String, Integer> last = new HashMap<>();
      int read = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (read < events) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + read + " of " + events + " events came back in 120 s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          DatabaseUpdated event = (DatabaseUpdated) codec.decode(record.headers(), record.value()).orThrow().event();
          int expected = last.getOrDefault(event.databaseId(), 0) + 1;
          if (event.migrationTimeout() != expected) {
            throw new IllegalStateException("out of order for " + event.databaseId());
          }
          last.put(event.databaseId(), expected);
          read++;
        }
      }
      CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      return (System.nanoTime() - start) / 1e9;
    }
  }
}
