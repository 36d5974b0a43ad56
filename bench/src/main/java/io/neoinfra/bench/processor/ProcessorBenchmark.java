package io.neoinfra.bench.processor;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.processor.MigrationProcessor;
import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.ProcessorTopics;
import io.neoinfra.processor.TopicSetup;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The processor with exactly-once v2 on the embedded KRaft broker (or {@code -Dneo.test.kafka.bootstrap}):
 *
 * <ol>
 *   <li>event → task: {@code database.created} with auto_migrate published one at a time; the time until its task is
 *       read (read_committed) from the task topic. p50 and p99 over the samples after a warm-up.
 *   <li>results per second: one execution of {@code -Dtargets} targets (default 2000), all tasks issued at once, then
 *       TaskStarted + TaskSucceeded for every task produced as fast as possible; results aggregated per second =
 *       results / time from the first result sent to the COMPLETED view read back.
 * </ol>
 *
 * Bounded: every wait has a deadline, and the processor is closed at the end.
 */
public final class ProcessorBenchmark {

  private static final Duration WAIT = Duration.ofMinutes(5);

  private ProcessorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int samples = Integer.getInteger("samples", 200);
    int warmup = Integer.getInteger("warmup", 20);
    int targets = Integer.getInteger("targets", 2000);
    Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();

    KafkaTestBroker broker = KafkaTestBroker.shared();
    String unique = KafkaTestBroker.uniqueName("bench");
    ProcessorSettings settings = ProcessorSettings.defaults(broker.bootstrapServers())
        .withApplicationId(unique)
        .withTopicPrefix(unique + ".")
        .withStateDir(Files.createTempDirectory("processor-bench"))
        .withPartitions(2)
        .withStreamsOverrides(System.getProperty("commitIntervalMs") == null ? Map.of()
            : Map.of("commit.interval.ms", System.getProperty("commitIntervalMs")));
    ProcessorTopics topics = TopicSetup.topics(settings);
    Contracts contracts = new Contracts();
    LifecycleEventCodec codec = new LifecycleEventCodec(contracts.mapper(), contracts.validator());
    String lifecycle = topics.shared().lifecycle(Priority.NORMAL);

    Map<String, Number> metrics = new LinkedHashMap<>();
    try (MigrationProcessor processor = MigrationProcessor.start(settings);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerProps());
        KafkaConsumer<String, byte[]> tasks = new KafkaConsumer<>(broker.consumerProps(unique + "-tasks"));
        KafkaConsumer<String, byte[]> views = new KafkaConsumer<>(broker.consumerProps(unique + "-views"));
        KafkaConsumer<String, byte[]> registry = new KafkaConsumer<>(broker.consumerProps(unique + "-registry"))) {
      tasks.subscribe(List.of(topics.shared().tasks(Priority.NORMAL)));
      registry.subscribe(List.of(topics.shared().databases()));
      views.subscribe(List.of(topics.shared().executions()));
      until(() -> processor.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING, "processor running");

      // 1. event → task latency
      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < warmup + samples; i++) {
        String id = "lat-" + i;
        ProducerRecord<String, byte[]> event = codec.encode(lifecycle, new DatabaseCreated(id, "app",
            ConnectionType.DEDICATED, "lat", Engine.POSTGRESQL, "db.local", 5432, "neo", null, true, null, null),
            URI.create("/bench"));
        long start = System.nanoTime();
        producer.send(event);
        producer.flush();
        boolean seen = false;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!seen && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> record : tasks.poll(Duration.ofMillis(5))) {
            seen |= id.equals(record.key());
          }
        }
        if (!seen) {
          throw new IllegalStateException("no task for " + id + " within " + WAIT);
        }
        if (i >= warmup) {
          latencies.add((System.nanoTime() - start) / 1e6);
        }
      }
      Collections.sort(latencies);

      // 2. results aggregated per second
      for (int i = 0; i < targets; i++) {
        producer.send(codec.encode(lifecycle, new DatabaseCreated(String.format("agg-%05d", i), "app",
            ConnectionType.SHARED, "agg", Engine.POSTGRESQL, "db.local", 5432, "neo", null, false, null, null),
            URI.create("/bench")));
      }
      producer.flush();
      // The request resolves its targets from the registry: wait until every database is registered.
      int registered = 0;
      long registeredBy = System.nanoTime() + WAIT.toNanos();
      while (registered < targets && System.nanoTime() < registeredBy) {
        for (ConsumerRecord<String, byte[]> record : registry.poll(Duration.ofMillis(50))) {
          registered += record.key().startsWith("agg-") ? 1 : 0;
        }
      }
      // The execution side resolves targets from its global copy of the registry, which trails the topic by a
      // moment (README: design choices); give it that moment, then take the view's target count as the truth.
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
      System.out.println("registered " + registered + " databases; requesting the execution");
      producer.send(codec.encode(lifecycle, new MigrationRequested("bench-exec", Scope.REGIONAL, List.of("agg"),
          null, null, false, null, false, new RolloutPolicy(Math.min(targets, 10_000), 100), null, null, "bench",
          null), URI.create("/bench")));
      producer.flush();
      List<MigrationTask> issued = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (issued.size() < targets && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : tasks.poll(Duration.ofMillis(50))) {
          if (contracts.tasks().codec().read(record.value()) instanceof Decoded.Valid<MigrationTask> v
              && v.value().executionId().equals("bench-exec")) {
            issued.add(v.value());
          }
        }
      }
      if (issued.size() < targets) {
        throw new IllegalStateException("only " + issued.size() + " of " + targets + " tasks issued");
      }
      System.out.println(issued.size() + " tasks issued; sending their results");
      long start = System.nanoTime();
      Instant now = Instant.now();
      for (MigrationTask task : issued) {
        send(producer, contracts, topics, new TaskStarted(task.taskId(), task.executionId(), task.targetId(), 1,
            "bench", now));
        send(producer, contracts, topics, new TaskSucceeded(task.taskId(), task.executionId(), task.targetId(), 1,
            "bench", now, "0", "1", List.of(new AppliedScript("1", "V1__init.sql", 1)), List.of()));
      }
      producer.flush();
      // Aggregated = processed by the execution side (its own counter), then committed and visible as the
      // COMPLETED view (read back by a consumer, which includes reading and validating the large views).
      double processedSeconds = Double.NaN;
      long processedBy = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < processedBy) {
        double done = processor.metrics().count("neo.processor.events", "type", "task_succeeded", "outcome",
            "processed");
        if (done >= targets) {
          processedSeconds = (System.nanoTime() - start) / 1e9;
          break;
        }
        // Searching the meter registry is costly (Kafka Streams registers hundreds of meters): poll it gently so that
        // the benchmark's own loop does not take CPU from the processor it measures.
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
      boolean completed = false;
      deadline = System.nanoTime() + WAIT.toNanos();
      while (!completed && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : views.poll(Duration.ofMillis(20))) {
          if ("bench-exec".equals(record.key())
              && contracts.executions().codec().read(record.value()) instanceof Decoded.Valid<ExecutionView> v
              && v.value().status() == ExecutionStatus.COMPLETED) {
            completed = true;
          }
        }
      }
      if (!completed) {
        throw new IllegalStateException("bench-exec did not complete within " + WAIT);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int results = 2 * targets;
      metrics.put("results_per_second", results / seconds);
      metrics.put("results_processed_per_second", results / processedSeconds);
      metrics.put("event_to_task_p50_ms", percentile(latencies, 0.50));
      metrics.put("event_to_task_p99_ms", percentile(latencies, 0.99));
      metrics.put("event_to_task_samples", latencies.size());
      metrics.put("results_aggregated", results);
      metrics.put("targets", targets);
      metrics.put("commit_interval_ms", Long.parseLong(settings.streamsOverrides().getOrDefault("commit.interval.ms",
          String.valueOf(settings.commitInterval().toMillis()))));
    }
    BenchmarkReport.of("processor", "./mvnw -q -pl bench -am package -DskipTests dependency:build-classpath"
        + " -Dmdep.outputFile=target/classpath.txt && java -cp \"bench/target/classes:$(cat bench/target/classpath.txt)\""
        + " io.neoinfra.bench.processor.ProcessorBenchmark", metrics).publish(repoRoot);
    System.exit(0); // the embedded broker's threads are not daemons
  }

  private static void send(KafkaProducer<String, byte[]> producer, Contracts contracts, ProcessorTopics topics,
      io.neoinfra.schemas.tasks.TaskResult result) {
    producer.send(new ProducerRecord<>(topics.shared().results(), result.executionId(),
        contracts.results().serializer().serialize(topics.shared().results(), result)));
  }

  private static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void until(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
    }
  }
}
