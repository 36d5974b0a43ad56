package io.neoinfra.processor.execution;

import io.neoinfra.schemas.executions.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The four local stores of the execution side, behind names that say what they hold. Keys of targets and the queue
 * start with {@code <execution id>|}: execution ids cannot contain {@code |}, so a prefix scan returns exactly one
 * execution's entries.
 */
public final class ExecutionStores {

  public static final String HEADERS = "exec-headers";
  public static final String TARGETS = "exec-targets";
  public static final String QUEUE = "exec-queue";
  /** Running executions and their target ids: the overlap check and the deadline check read only these. */
  public static final String RUNNING = "exec-running";

  private final KeyValueStore<String, ExecutionState> headers;
  private final KeyValueStore<String, TargetEntry> targets;
  private final KeyValueStore<String, String> queue;
  private final KeyValueStore<String, RunningTargets> running;

  public ExecutionStores(KeyValueStore<String, ExecutionState> headers, KeyValueStore<String, TargetEntry> targets,
      KeyValueStore<String, String> queue, KeyValueStore<String, RunningTargets> running) {
    this.headers = headers;
    this.targets = targets;
    this.queue = queue;
    this.running = running;
  }

  public ExecutionState header(String executionId) {
    return headers.get(executionId);
  }

  public void put(ExecutionState state) {
    headers.put(state.id, state);
  }

  public TargetEntry target(String executionId, String targetId) {
    return targets.get(executionId + "|" + targetId);
  }

  public void put(String executionId, TargetEntry entry) {
    targets.put(executionId + "|" + entry.targetId, entry);
  }

  public void enqueue(String executionId, int index, String targetId) {
    queue.put(queueKey(executionId, index), targetId);
  }

  /** Takes the queued target at {@code index} off the queue. */
  public String dequeue(String executionId, int index) {
    return queue.delete(queueKey(executionId, index));
  }

  public List<TargetEntry> targets(String executionId) {
    List<TargetEntry> all = new ArrayList<>();
    try (KeyValueIterator<String, TargetEntry> it = targets.prefixScan(executionId + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> all.add(kv.value));
    }
    return all;
  }

  public List<TargetState> targetStates(String executionId) {
    return targets(executionId).stream().map(TargetEntry::toState).toList();
  }

  public void markRunning(String executionId, List<String> targetIds) {
    running.put(executionId, new RunningTargets(targetIds));
  }

  /** Adds {@code targetId} to a running execution's targets (a re-opened target of an execution that had ended). */
  public void addRunning(String executionId, String targetId) {
    RunningTargets current = running.get(executionId);
    List<String> ids = new ArrayList<>(current == null ? List.of() : current.targetIds());
    if (!ids.contains(targetId)) {
      ids.add(targetId);
    }
    running.put(executionId, new RunningTargets(ids));
  }

  public List<KeyValue<String, RunningTargets>> running() {
    List<KeyValue<String, RunningTargets>> all = new ArrayList<>();
    try (KeyValueIterator<String, RunningTargets> it = running.all()) {
      it.forEachRemaining(all::add);
    }
    return all;
  }

  /**
   * An execution ended: its targets and queue are dropped (the final view on the compacted executions topic keeps
   * them), except FAILED targets, which a replay of their dead-lettered task may re-open; the header stays, so that
   * late or re-delivered results are recognised and ignored.
   */
  public void retire(String executionId) {
    running.delete(executionId);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, TargetEntry> it = targets.prefixScan(executionId + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> {
        if (kv.value.status != io.neoinfra.schemas.executions.TargetStatus.FAILED) {
          keys.add(kv.key);
        }
      });
    }
    keys.forEach(targets::delete);
    List<String> queued = new ArrayList<>();
    try (KeyValueIterator<String, String> it = queue.prefixScan(executionId + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> queued.add(kv.key));
    }
    queued.forEach(queue::delete);
  }

  private static String queueKey(String executionId, int index) {
    return executionId + "|" + String.format(Locale.ROOT, "%09d", index);
  }

  /** The target ids of a running execution. */
  public record RunningTargets(List<String> targetIds) {
    public RunningTargets {
      targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
    }
  }
}
