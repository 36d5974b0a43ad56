package io.neoinfra.processor;

import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.processor.execution.ExecutionInput;
import io.neoinfra.processor.execution.ExecutionProcessor;
import io.neoinfra.processor.execution.ExecutionState;
import io.neoinfra.processor.execution.ExecutionStores;
import io.neoinfra.processor.execution.StartCommand;
import io.neoinfra.processor.execution.TargetEntry;
import io.neoinfra.processor.fanout.RoutedTask;
import io.neoinfra.processor.json.JsonSerde;
import io.neoinfra.processor.lifecycle.LifecycleProcessor;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.priority.PriorityOrder;
import io.neoinfra.processor.registry.GlobalStoreUpdater;
import io.neoinfra.processor.registry.RegistryStores;
import io.neoinfra.processor.retry.RetryForwarder;
import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.schemas.cloudevents.LifecycleEnvelopeDeserializer;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.ContractSerde;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.FieldError;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole processor as one Kafka Streams {@link Topology}, built by a plain method so that tests drive exactly what
 * production runs. Three sub-topologies, each with its own sinks so that they stay apart:
 *
 * <ul>
 *   <li>lifecycle: {@code neo.lifecycle.*} → registry ({@code neo.databases}, {@code neo.tenants}), start commands
 *       (internal {@code neo.migration.commands.<priority>}), dead letters;
 *   <li>execution: commands + {@code neo.migration.results} (co-partitioned by execution id) → tasks, retries, dead
 *       letters, views ({@code neo.migration.executions});
 *   <li>retry: {@code neo.migration.retry.<tier>} → tasks when due.
 * </ul>
 *
 * Global stores mirror {@code neo.databases}, {@code neo.tenants} and {@code neo.migration.executions} for target
 * resolution, overlap checks and rollback planning across partitions.
 */
public final class ProcessorTopology {

  private ProcessorTopology() {}

  public static Topology build(ProcessorSettings settings, Contracts contracts, ProcessorMetrics metrics) {
    RetryTiers tiers = new RetryTiers(settings.retryTiers(), settings.maxAttempts(), settings.jitter());
    ProcessorTopics topics = new ProcessorTopics(new Topics(settings.topicPrefix()), tiers);
    Topics shared = topics.shared();
    RedactionPolicy redactor = RedactionPolicy.standard();
    LifecycleEnvelopeDeserializer lifecycle =
        new LifecycleEnvelopeDeserializer(new LifecycleEventCodec(contracts.mapper(), contracts.validator()));
    int defaultTimeout = (int) settings.defaultMigrationTimeout().toSeconds();
    JsonSerde<StartCommand> commands = new JsonSerde<>(contracts.mapper(), StartCommand.class);
    Serializer<String> keys = new StringSerializer();
    Deserializer<String> keyReader = new StringDeserializer();
    Serializer<byte[]> bytes = new ByteArraySerializer();
    Serializer<RoutedTask> routed = (topic, value) -> contracts.tasks().serializer().serialize(topic, value.task());
    TopicNameExtractor<String, RoutedTask> byRoute = (key, value, context) -> value.topic();

    Topology topology = new Topology();

    // Global copies of the compacted topics (their own changelog: no logging).
    addGlobal(topology, RegistryStores.DATABASES, shared.databases(), contracts.databases());
    addGlobal(topology, RegistryStores.TENANTS, shared.tenants(), contracts.tenants());
    addGlobal(topology, ExecutionProcessor.GlobalExecutions.STORE, shared.executions(), contracts.executions());

    // lifecycle → registry, commands, dead letters
    // high and critical records ahead of what their tasks buffered (see PriorityOrder)
    PriorityOrder priorityOrder = new PriorityOrder(shared);
    topology.addSource(AutoOffsetReset.earliest(), "lifecycle-source", priorityOrder, keyReader,
        new ByteArrayDeserializer(), shared.lifecycleAll().toArray(String[]::new));
    topology.addProcessor("lifecycle", () -> new LifecycleProcessor(topics, lifecycle, redactor, metrics,
        defaultTimeout), "lifecycle-source");
    topology.addStateStore(store(LifecycleProcessor.LOCAL_DATABASES, contracts.databases()), "lifecycle");
    topology.addStateStore(store(LifecycleProcessor.LOCAL_TENANTS, contracts.tenants()), "lifecycle");
    topology.addSink(LifecycleProcessor.DATABASES_SINK, shared.databases(), keys, contracts.databases().serializer(),
        "lifecycle");
    topology.addSink(LifecycleProcessor.TENANTS_SINK, shared.tenants(), keys, contracts.tenants().serializer(),
        "lifecycle");
    TopicNameExtractor<String, StartCommand> byPriority = (key, command, context) ->
        topics.commands(command.priority() == null ? Priority.NORMAL : command.priority());
    topology.addSink(LifecycleProcessor.COMMANDS_SINK, byPriority, keys, commands.serializer(), "lifecycle");
    topology.addSink(LifecycleProcessor.DLT_SINK, shared.deadLetters(), keys, bytes, "lifecycle");

    // commands + results → execution state machine
    topology.addSource(AutoOffsetReset.earliest(), "commands-source", priorityOrder, keyReader,
        commandReader(commands, redactor), topics.commandsAll().toArray(String[]::new));
    topology.addSource("results-source", keyReader, resultReader(contracts.results().codec(), redactor),
        shared.results());
    topology.addProcessor("execution", () -> new ExecutionProcessor(settings, topics, metrics,
        task -> contracts.tasks().serializer().serialize(null, task),
        result -> contracts.results().serializer().serialize(null, result)), "commands-source", "results-source");
    topology.addStateStore(store(ExecutionStores.HEADERS, new JsonSerde<>(contracts.mapper(), ExecutionState.class)),
        "execution");
    topology.addStateStore(store(ExecutionStores.TARGETS, new JsonSerde<>(contracts.mapper(), TargetEntry.class)),
        "execution");
    topology.addStateStore(store(ExecutionStores.QUEUE, Serdes.String()), "execution");
    topology.addStateStore(store(ExecutionStores.RUNNING,
        new JsonSerde<>(contracts.mapper(), ExecutionStores.RunningTargets.class)), "execution");
    topology.addSink(ExecutionProcessor.TASKS_SINK, byRoute, keys, routed, "execution");
    topology.addSink(ExecutionProcessor.DLT_SINK, shared.deadLetters(), keys, bytes, "execution");
    topology.addSink(ExecutionProcessor.VIEWS_SINK, shared.executions(), keys, contracts.executions().serializer(),
        "execution");

    // retry tiers → tasks when due
    topology.addSource("retry-source", keyReader, new ByteArrayDeserializer(), topics.retryAll().toArray(String[]::new));
    topology.addProcessor("retry", () -> new RetryForwarder(shared, contracts.tasks().codec(),
        settings.retryPollInterval(), metrics, redactor), "retry-source");
    topology.addStateStore(store(RetryForwarder.STORE, contracts.tasks()), "retry");
    topology.addSink(RetryForwarder.TASKS_SINK, byRoute, keys, routed, "retry");
    topology.addSink(RetryForwarder.DLT_SINK, shared.deadLetters(), keys, bytes, "retry");
    return topology;
  }

  private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values) {
    // Caching coalesces the many writes of one commit interval into one changelog record per key.
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }

  private static <V> void addGlobal(Topology topology, String storeName, String topic, ContractSerde<V> serde) {
    ContractCodec<V> codec = serde.codec();
    Deserializer<Decoded<V>> reader = (t, data) -> data == null ? null : codec.read(data);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), serde)
            .withLoggingDisabled(),
        storeName + "-source", new StringDeserializer(), reader, topic, storeName + "-updater",
        () -> new GlobalStoreUpdater<V>(storeName));
  }

  private static Deserializer<ExecutionInput> commandReader(JsonSerde<StartCommand> commands,
      RedactionPolicy redactor) {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return new ExecutionInput.Start(commands.read(data));
      } catch (RuntimeException e) {
        return new ExecutionInput.Unreadable(redactor.redactBytes(data), "malformed_command", e.getClass().getName());
      }
    };
  }

  private static Deserializer<ExecutionInput> resultReader(ContractCodec<TaskResult> codec,
      RedactionPolicy redactor) {
    return (topic, data) -> {
      Decoded<TaskResult> decoded = codec.read(data);
      if (decoded instanceof Decoded.Valid<TaskResult> valid) {
        return new ExecutionInput.Result(valid.value());
      }
      Decoded.Invalid<TaskResult> invalid = (Decoded.Invalid<TaskResult>) decoded;
      String message = "task result: " + invalid.message() + (invalid.errors().isEmpty() ? ""
          : " [" + invalid.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")) + "]");
      return new ExecutionInput.Unreadable(redactor.redactBytes(data), invalid.reason().id(), message);
    };
  }

}
