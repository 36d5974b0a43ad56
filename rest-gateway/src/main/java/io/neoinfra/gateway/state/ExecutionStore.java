package io.neoinfra.gateway.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Decoded;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every execution on {@code neo.migration.executions}, plus those this gateway requested that the processor has not
 * written yet (served as PENDING for a while), plus where each target stands after the newest execution that moved it.
 */
public final class ExecutionStore implements RecordHandler {

  private static final Logger log = LoggerFactory.getLogger(ExecutionStore.class);

  private final String topic;
  private final ContractCodec<ExecutionView> codec;
  private final Map<String, ExecutionView> executions = new ConcurrentHashMap<>();
  private final Cache<String, ExecutionView> pending;
  private final Map<String, TargetVersion> targets = new ConcurrentHashMap<>();
  private final List<ExecutionListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong changes = new AtomicLong();

  public ExecutionStore(String topic, ContractCodec<ExecutionView> codec, java.time.Duration pendingTtl) {
    this.topic = topic;
    this.codec = codec;
    this.pending = Caffeine.newBuilder().expireAfterWrite(pendingTtl).maximumSize(100_000).build();
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      log.warn("execution record without key at {}-{}@{} ignored", record.topic(), record.partition(), record.offset());
      return;
    }
    if (record.value() == null) {
      executions.remove(record.key());
      changes.incrementAndGet();
      return;
    }
    Decoded<ExecutionView> decoded = codec.read(record.value());
    if (decoded instanceof Decoded.Valid<ExecutionView> valid) {
      put(valid.value());
    } else if (decoded instanceof Decoded.Invalid<ExecutionView> bad) {
      log.warn("unreadable execution {} at {}-{}@{}: {} {}", record.key(), record.topic(), record.partition(),
          record.offset(), bad.reason(), bad.errors());
    }
  }

  void put(ExecutionView view) {
    executions.put(view.id(), view);
    pending.invalidate(view.id());
    trackTargets(view);
    changes.incrementAndGet();
    for (ExecutionListener listener : listeners) {
      listener.changed(view);
    }
  }

  /** Serves {@code view} (status PENDING) until the processor's own version arrives. */
  public void addPending(ExecutionView view) {
    if (!executions.containsKey(view.id())) {
      pending.put(view.id(), view);
      changes.incrementAndGet();
    }
  }

  /**
   * A number that grows with every change of what {@link #all()} and {@link #targetVersions()} return, except a
   * pending entry expiring: summaries computed from the store stay valid while it is unchanged.
   */
  public long changes() {
    return changes.get();
  }

  public Optional<ExecutionView> find(String id) {
    ExecutionView view = executions.get(id);
    return view != null ? Optional.of(view) : Optional.ofNullable(pending.getIfPresent(id));
  }

  /** Known and pending executions, in no particular order. */
  public Stream<ExecutionView> all() {
    return Stream.concat(executions.values().stream(),
        pending.asMap().values().stream().filter(p -> !executions.containsKey(p.id())));
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
