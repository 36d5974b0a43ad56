package io.neoinfra.gateway.state;

import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.ContractCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every execution on {@code neo.migration.executions}, plus those this gateway requested that the processor has not
 * written yet (served as PENDING for a while), plus where each target stands after the newest execution that moved it.
 * The views themselves are a {@link KeyedStore} keyed by execution id; this class adds the target index and the
 * listeners on top.
 */
public final class ExecutionStore implements RecordHandler {

  private final Map<String, TargetVersion> targets = new ConcurrentHashMap<>();
  private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
  private final KeyedStore<ExecutionView> views;

  public ExecutionStore(String topic, ContractCodec<ExecutionView> codec, Duration pendingTtl) {
    this.views = new KeyedStore<>(topic, codec, ExecutionView::id, pendingTtl, this::stored);
  }

  @Override
  public String topic() {
    return views.topic();
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record) {
    views.apply(record);
  }

  // Runs before views.changes() moves: a summary computed from the new count sees the target index up to date.
  private void stored(ExecutionView view) {
    trackTargets(view);
    for (ExecutionListener listener : listeners) {
      listener.changed(view);
    }
  }

  /** Serves {@code view} (status PENDING) until the processor's own version arrives. */
  public void addPending(ExecutionView view) {
    views.addPending(view);
  }

  /**
   * A number that grows with every change of what {@link #all()} and {@link #targetVersions()} return, except a
   * pending entry expiring: summaries computed from the store stay valid while it is unchanged.
   */
  public long changes() {
    return views.changes();
  }

  public Optional<ExecutionView> find(String id) {
    return views.find(id);
  }

  /** Known and pending executions, in no particular order. */
  public Stream<ExecutionView> all() {
    return views.all();
  }

  public Collection<TargetVersion> targetVersions() {
    return targets.values();
  }

  public Optional<TargetVersion> targetVersion(String databaseId, String schema) {
    return Optional.ofNullable(targets.get(TargetVersion.key(databaseId, schema)));
  }

  public void addListener(ExecutionListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ExecutionListener listener) {
    listeners.remove(listener);
  }

  // A dry run, validate or info moves nothing; a migrate or undo that succeeded or failed is the target's latest news.
  private void trackTargets(ExecutionView view) {
    MigrationOperation op = view.operation() == null
        ? (view.kind() == ExecutionKind.ROLLBACK ? MigrationOperation.UNDO : MigrationOperation.MIGRATE)
        : view.operation();
    if (view.dryRun() || (op != MigrationOperation.MIGRATE && op != MigrationOperation.UNDO)) {
      return;
    }
    for (TargetState t : view.targets()) {
      if (t.databaseId() == null || t.updatedAt() == null
          || (t.status() != TargetStatus.SUCCEEDED && t.status() != TargetStatus.FAILED)) {
        continue;
      }
      var next = new TargetVersion(t.databaseId(), t.schema(),
          t.status() == TargetStatus.SUCCEEDED ? t.versionAfter() : t.versionBefore(),
          t.status() == TargetStatus.FAILED, view.id(), t.updatedAt());
      targets.merge(next.key(), next, (old, now) -> now.updatedAt().isBefore(old.updatedAt()) ? old : now);
    }
  }
}
