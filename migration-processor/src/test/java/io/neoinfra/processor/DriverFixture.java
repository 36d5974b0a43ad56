package io.neoinfra.processor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.tasks.FailureKind;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.ScriptApplied;
import io.neoinfra.schemas.tasks.TaskError;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskStarted;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} around the production topology, with fast settings (tiers 1s/2s/4s, 3 attempts, no
 * jitter, 1 s grace and checks, every view written at once) and helpers that read as the test's steps.
 */
final class DriverFixture implements AutoCloseable {

  static final EncryptedSecret SECRET = EncryptedSecret.of("neo-enc:v2:AXtNqT8gOOsvhE6Y1cYzJgWmH4Gv0X1t9aQ2M2l5");
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final ProcessorSettings settings;
  final ProcessorTopics topics;
  final Contracts contracts = new Contracts();
  final LifecycleEventCodec codec = new LifecycleEventCodec(contracts.mapper(), contracts.validator());
  final ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
  final TopologyTestDriver driver;
  private final Path stateDir;
  private final Map<String, ExecutionView> views = new HashMap<>();
  private final List<ExecutionView> viewHistory = new ArrayList<>();

  DriverFixture() {
    this(settings -> settings);
  }

  DriverFixture(java.util.function.UnaryOperator<ProcessorSettings> tweak) {
    try {
      stateDir = Files.createTempDirectory("processor-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    settings = tweak.apply(ProcessorSettings.defaults("unused:9092")
        .withStateDir(stateDir)
        .withRetries(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), 3, 0.0)
        .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO)
        .withDefaultMigrationTimeout(Duration.ofSeconds(10))).validate();
    topics = TopicSetup.topics(settings);
    Properties props = MigrationProcessor.streamsProperties(settings, metrics);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-" + stateDir.getFileName());
    driver = new TopologyTestDriver(ProcessorTopology.build(settings, contracts, metrics), props, START);
  }

  // ---- inputs

  void publish(LifecycleEvent event) {
    publish(Priority.NORMAL, event);
  }

  void publish(Priority priority, LifecycleEvent event) {
    ProducerRecord<String, byte[]> record =
        codec.encode(topics.shared().lifecycle(priority), event, URI.create("/test"));
    pipeLifecycle(priority, record.key(), record.value(), record.headers());
  }

  void pipeLifecycle(Priority priority, String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
    driver.createInputTopic(topics.shared().lifecycle(priority), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(new TestRecord<>(key, value, headers));
  }

  void result(TaskResult result) {
    driver.createInputTopic(topics.shared().results(), new StringSerializer(), contracts.results().serializer())
        .pipeInput(result.executionId(), result);
  }

  /** A result of a task that was replayed from the dead letter {@code replayedFrom} (the worker copies the header). */
  void replayedResult(TaskResult result, String replayedFrom) {
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(io.neoinfra.schemas.deadletter.DeadLetterHeaders.REPLAYED_FROM,
        replayedFrom.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    driver.createInputTopic(topics.shared().results(), new StringSerializer(), contracts.results().serializer())
        .pipeInput(new TestRecord<>(result.executionId(), result, headers));
  }

  void rawResult(String key, byte[] value) {
    driver.createInputTopic(topics.shared().results(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(key, value);
  }

  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  // ---- outputs

  List<MigrationTask> tasks(Priority priority) {
    return driver.createOutputTopic(topics.shared().tasks(priority), new StringDeserializer(),
        contracts.tasks().deserializer()).readValuesToList();
  }

  List<MigrationTask> tasks() {
    return tasks(Priority.NORMAL);
  }

  List<TestRecord<String, MigrationTask>> retries(String tier) {
    return driver.createOutputTopic(topics.shared().retry(tier), new StringDeserializer(),
        contracts.tasks().deserializer()).readRecordsToList();
  }

  List<TestRecord<String, byte[]>> deadLetters() {
    return driver.createOutputTopic(topics.shared().deadLetters(), new StringDeserializer(),
        new ByteArrayDeserializer()).readRecordsToList();
  }

  List<TestRecord<String, DatabaseRecord>> databases() {
    return driver.createOutputTopic(topics.shared().databases(), new StringDeserializer(),
        contracts.databases().deserializer()).readRecordsToList();
  }

  List<TestRecord<String, TenantRecord>> tenants() {
    return driver.createOutputTopic(topics.shared().tenants(), new StringDeserializer(),
        contracts.tenants().deserializer()).readRecordsToList();
  }

  /** The latest view of {@code id}, reading every view written so far. */
  ExecutionView view(String id) {
    drainViews();
    return views.get(id);
  }

  List<ExecutionView> viewsOf(String id) {
    drainViews();
    return viewHistory.stream().filter(v -> v.id().equals(id)).toList();
  }

  Map<String, ExecutionView> allViews() {
    drainViews();
    return views;
  }

  private void drainViews() {
    driver.createOutputTopic(topics.shared().executions(), new StringDeserializer(),
        contracts.executions().deserializer()).readValuesToList().forEach(v -> {
          views.put(v.id(), v);
          viewHistory.add(v);
        });
  }

  static String header(TestRecord<String, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  // ---- events

  static DatabaseCreated database(String id, ConnectionType type, String region, boolean autoMigrate) {
    return new DatabaseCreated(id, id + "_db", type, region, Engine.POSTGRESQL, "db.local", 5432, "neo", SECRET,
        autoMigrate, null, null);
  }

  static TenantCreated tenant(String id, String region) {
    return new TenantCreated(id, "Tenant " + id, region, null, null, null, false, null);
  }

  static MigrationRequested request(String executionId, Scope scope) {
    return request(executionId, scope, null);
  }

  static MigrationRequested request(String executionId, Scope scope, RolloutPolicy policy, String... targets) {
    return new MigrationRequested(executionId, scope, null, targets.length == 0 ? null : Arrays.asList(targets),
        null, false, null, false, policy, null, null, "operator", null);
  }

  /** Registers {@code count} shared databases {@code db-0..} in eu-1 without migrating them. */
  void registerShared(int count) {
    for (int i = 0; i < count; i++) {
      publish(database("db-" + i, ConnectionType.SHARED, "eu-1", false));
    }
  }

  // ---- results

  static TaskStarted started(MigrationTask task) {
    return new TaskStarted(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "w1", START);
  }

  static TaskSucceeded succeeded(MigrationTask task, String... versions) {
    List<AppliedScript> applied = Stream.of(versions)
        .map(v -> new AppliedScript(v, "V" + v + "__step.sql", 5)).toList();
    return new TaskSucceeded(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "w1", START, "0",
        versions.length == 0 ? "0" : versions[versions.length - 1], applied, List.of());
  }

  static ScriptApplied scriptApplied(MigrationTask task, String version) {
    return new ScriptApplied(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "w1", START,
        new AppliedScript(version, "V" + version + "__step.sql", 5));
  }

  static TaskFailed failed(MigrationTask task, FailureKind kind) {
    return new TaskFailed(task.taskId(), task.executionId(), task.targetId(), task.attempt(), "w1", START, "0", "0",
        new TaskError(kind, kind.wireName() + " on " + task.targetId(), null, null, null));
  }

  String tierName(int index) {
    return RetryTiers.name(settings.retryTiers().get(index));
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      try (var files = Files.walk(stateDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp dir left behind is harmless
      }
    }
  }
}
