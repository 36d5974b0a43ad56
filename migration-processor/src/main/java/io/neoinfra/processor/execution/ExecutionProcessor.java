package io.neoinfra.processor.execution;

import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.processor.ProcessorTopics;
import io.neoinfra.processor.deadline.DeadlineCheck;
import io.neoinfra.processor.deadletter.DeadLetter;
import io.neoinfra.processor.fanout.Dispatcher;
import io.neoinfra.processor.fanout.RoutedTask;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.processor.metrics.ProcessorMetrics.Outcome;
import io.neoinfra.processor.registry.RegistryStores;
import io.neoinfra.processor.registry.TargetResolver;
import io.neoinfra.processor.retry.RetryTiers;
import io.neoinfra.processor.rollback.RollbackPlanner;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution side, on the partition that owns an execution id: start commands and worker results come in; tasks,
 * retries, dead letters and execution views go out. Two wall-clock punctuators run the deadline check and write
 * coalesced progress views.
 */
public final class ExecutionProcessor implements Processor<String, ExecutionInput, String, Object>, ExecutionOutputs {

  public static final String TASKS_SINK = "execution-tasks-sink";
  public static final String DLT_SINK = "execution-dlt-sink";
  public static final String VIEWS_SINK = "execution-views-sink";

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProcessor.class);

  private final ProcessorSettings settings;
  private final ProcessorTopics topics;
  private final RetryTiers tiers;
  private final ProcessorMetrics metrics;
  private final Function<MigrationTask, byte[]> taskBytes;
  private final Function<TaskResult, byte[]> resultBytes;
  private final Set<String> dirty = new LinkedHashSet<>();
  /**
   * When each running execution's progress view was last written, in this task's memory (after a restart a view is
   * only written once early). A view holds every target, so one of 5,000 targets is megabytes, read back by the
   * processor's global store and by every gateway: written every interval, its cost per target grew with the size of
   * the execution (fleet-e2e: 0.023 s per target at 1,000, 0.029 s at 5,000). Progress of a large execution is
   * written once per interval per {@code view-targets-per-interval} (1,000) targets instead, so that cost stays flat;
   * changes that matter (started, halted, ended) are written at once as before.
   */
  private final Map<String, Long> lastViewMs = new HashMap<>();

  private ProcessorContext<String, Object> context;
  private ExecutionStores stores;
  private ExecutionStarter starter;
  private ExecutionStateMachine machine;

  public ExecutionProcessor(ProcessorSettings settings, ProcessorTopics topics, ProcessorMetrics metrics,
      Function<MigrationTask, byte[]> taskBytes, Function<TaskResult, byte[]> resultBytes) {
    this.settings = settings;
    this.topics = topics;
    this.tiers = topics.tiers();
    this.metrics = metrics;
    this.taskBytes = taskBytes;
    this.resultBytes = resultBytes;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.stores = new ExecutionStores(context.getStateStore(ExecutionStores.HEADERS),
        context.getStateStore(ExecutionStores.TARGETS), context.getStateStore(ExecutionStores.QUEUE),
        context.getStateStore(ExecutionStores.RUNNING));
    ReadOnlyKeyValueStore<String, DatabaseRecord> databases = global(RegistryStores.DATABASES);
    ReadOnlyKeyValueStore<String, TenantRecord> tenants = global(RegistryStores.TENANTS);
    ReadOnlyKeyValueStore<String, ExecutionView> executions = global(GlobalExecutions.STORE);
    Dispatcher dispatcher = new Dispatcher(stores, this, settings.deadlineGrace().toMillis());
    this.machine = new ExecutionStateMachine(stores, this, dispatcher, tiers, metrics, settings.deadlineGrace(),
        taskBytes);
    this.starter = new ExecutionStarter(stores, this, dispatcher, new TargetResolver(databases, tenants),
        new RollbackPlanner(executions, databases), executions, metrics,
        (int) settings.defaultMigrationTimeout().toSeconds());
    DeadlineCheck deadlines = new DeadlineCheck(stores, machine);
    context.schedule(settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME, deadlines::run);
    if (!settings.viewEmitInterval().isZero()) {
      context.schedule(settings.viewEmitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushDirty());
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> global(String name) {
    return context.getStateStore(name);
  }

  @Override
  public void process(Record<String, ExecutionInput> record) {
    long now = context.currentSystemTimeMs();
    ExecutionInput input = record.value();
    try {
      if (input instanceof ExecutionInput.Start start) {
        var outcome = starter.start(start.command(), now);
        metrics.event("start_command", switch (outcome) {
          case STARTED, COMPLETED_EMPTY -> Outcome.PROCESSED;
          case REJECTED -> Outcome.REJECTED;
          case DUPLICATE -> Outcome.DUPLICATE;
        });
      } else if (input instanceof ExecutionInput.Result result) {
        onResult(record, result.result(), now);
      } else if (input instanceof ExecutionInput.Unreadable bad) {
        deadLetter(record.key(), bad.raw(), DeadLetter.of(bad.errorClass(), bad.message()));
        metrics.event(sourceKind(), Outcome.DEAD_LETTERED);
        metrics.deadLetter(sourceKind(), bad.errorClass());
      } else if (input == null) {
        deadLetter(record.key(), null, DeadLetter.of("empty_payload", "record without a value"));
        metrics.deadLetter(sourceKind(), "empty_payload");
      }
    } catch (RuntimeException e) {
      // A bug must not stop the partition: the record is kept in the dead-letter topic with the exception class.
      LOG.error("cannot process record at {}; dead-lettered", context.recordMetadata().orElse(null), e);
      byte[] raw = input instanceof ExecutionInput.Result r ? resultBytes.apply(r.result()) : null;
      deadLetter(record.key(), raw, DeadLetter.of("processing_error", e.getClass().getName()));
      metrics.deadLetter(sourceKind(), "processing_error");
    }
  }

  private void onResult(Record<String, ExecutionInput> record, TaskResult result, long now) {
    var replayedFrom = java.util.Optional.ofNullable(record.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM))
        .map(h -> new String(h.value(), StandardCharsets.UTF_8));
    var outcome = machine.onResult(result, replayedFrom, now);
    String type = kindOf(result);
    switch (outcome) {
      case APPLIED -> metrics.event(type, Outcome.PROCESSED);
      case DUPLICATE -> metrics.event(type, Outcome.DUPLICATE);
      case STALE, LATE -> metrics.event(type, Outcome.STALE);
      case UNKNOWN_EXECUTION, UNKNOWN_TARGET -> {
        String errorClass = outcome.name().toLowerCase(Locale.ROOT);
        deadLetter(record.key(), resultBytes.apply(result), DeadLetter.of(errorClass,
            "result for " + result.executionId() + "/" + result.targetId() + " which this processor does not know")
            .withExecution(result.executionId(), null));
        metrics.event(type, Outcome.DEAD_LETTERED);
        metrics.deadLetter("results", errorClass);
      }
    }
  }

  private static String kindOf(TaskResult result) {
    return switch (result.getClass().getSimpleName()) {
      case "TaskStarted" -> "task_started";
      case "ScriptApplied" -> "script_applied";
      case "TaskSucceeded" -> "task_succeeded";
      default -> "task_failed";
    };
  }

  private String sourceKind() {
    return context.recordMetadata().map(m -> topics.commandsAll().contains(m.topic()) ? "commands" : "results")
        .orElse("results");
  }

  @Override
  public void task(MigrationTask task) {
    context.forward(new Record<String, Object>(task.targetId(), new RoutedTask(topics.shared().tasks(task.priority()),
        task), context.currentSystemTimeMs()), TASKS_SINK);
  }

  @Override
  public String taskTopic(MigrationTask task) {
    return topics.shared().tasks(task.priority());
  }

  @Override
  public void retry(MigrationTask task, String tier, long dueAtMs) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.NOT_BEFORE, String.valueOf(dueAtMs).getBytes(StandardCharsets.UTF_8));
    context.forward(new Record<String, Object>(task.targetId(), new RoutedTask(topics.shared().retry(tier), task),
        context.currentSystemTimeMs(), headers), TASKS_SINK);
  }

  @Override
  public void deadLetter(String key, byte[] value, DeadLetter letter) {
    if (!letter.hasSource()) {
      letter.withOrigin(context.recordMetadata());
    }
    context.forward(new Record<String, Object>(key, value, context.currentSystemTimeMs(), letter.headers()), DLT_SINK);
  }

  @Override
  public void viewChanged(ExecutionState state, boolean important) {
    if (important || settings.viewEmitInterval().isZero()) {
      dirty.remove(state.id);
      emit(state);
    } else {
      dirty.add(state.id);
    }
  }

  private void flushDirty() {
    long now = context.currentSystemTimeMs();
    for (Iterator<String> ids = dirty.iterator(); ids.hasNext(); ) {
      String id = ids.next();
      ExecutionState state = stores.header(id);
      if (state == null) {
        ids.remove();
        lastViewMs.remove(id);
      } else if (now - lastViewMs.getOrDefault(id, Long.MIN_VALUE / 2) >= quietPeriodMs(state)) {
        ids.remove();
        emit(state);
      }
    }
  }

  /**
   * How long after its last view a progress view of {@code state} waits: nothing up to {@code view-targets-per-interval}
   * targets (every flush); above, k intervals for k times as many, less half an interval so that a flush running a
   * little early counts.
   */
  private long quietPeriodMs(ExecutionState state) {
    int perInterval = settings.viewTargetsPerInterval();
    int intervals = Math.max(1, (state.total + perInterval - 1) / perInterval);
    long interval = settings.viewEmitInterval().toMillis();
    return intervals == 1 ? 0 : intervals * interval - interval / 2;
  }

  private void emit(ExecutionState state) {
    if (state.status != null && state.status.terminal()) {
      lastViewMs.remove(state.id);
    } else {
      lastViewMs.put(state.id, context.currentSystemTimeMs());
    }
    ExecutionView view = state.toView(stores.targetStates(state.id));
    context.forward(new Record<String, Object>(state.id, view, context.currentSystemTimeMs()), VIEWS_SINK);
  }

  /** The name of the global store holding the executions topic. */
  public static final class GlobalExecutions {
    public static final String STORE = "executions-global";

    private GlobalExecutions() {}
  }
}
