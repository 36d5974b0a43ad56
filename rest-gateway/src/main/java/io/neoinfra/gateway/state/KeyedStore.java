package io.neoinfra.gateway.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.neoinfra.schemas.serde.ContractCodec;
import io.neoinfra.schemas.serde.Decoded;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic as a map (a tombstone removes the key), plus what this gateway published that has not arrived
 * yet ({@code pending}) and what it deleted that is still there ({@code deleting}), each for a while, so that a GET
 * right after a POST or DELETE tells the caller what it just did. A store with an index of its own on top (the
 * {@link ExecutionStore}) is told of every value read from the topic.
 */
public final class KeyedStore<V> implements RecordHandler {

  private static final Logger log = LoggerFactory.getLogger(KeyedStore.class);

  private final String topic;
  private final ContractCodec<V> codec;
  private final Function<V, String> keyOf;
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final Cache<String, V> pending;
  private final Cache<String, Boolean> deleting;
  private final Consumer<V> onStored;
  private final AtomicLong changes = new AtomicLong();

  public KeyedStore(String topic, ContractCodec<V> codec, Function<V, String> keyOf, Duration pendingTtl) {
    this(topic, codec, keyOf, pendingTtl, value -> { });
  }

  /**
   * @param onStored told of every value read from the topic once it is stored and before {@link #changes()} moves, so
   *     that an index kept on top of this store is up to date whenever the count says something changed
   */
  public KeyedStore(String topic, ContractCodec<V> codec, Function<V, String> keyOf, Duration pendingTtl,
      Consumer<V> onStored) {
    this.topic = topic;
    this.codec = codec;
    this.keyOf = keyOf;
    this.pending = Caffeine.newBuilder().expireAfterWrite(pendingTtl).maximumSize(100_000).build();
    this.deleting = Caffeine.newBuilder().expireAfterWrite(pendingTtl).maximumSize(100_000).build();
    this.onStored = onStored;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      log.warn("record without key at {}-{}@{} ignored", record.topic(), record.partition(), record.offset());
      return;
    }
    if (record.value() == null) {
      values.remove(record.key());
      deleting.invalidate(record.key());
      changes.incrementAndGet();
      return;
    }
    Decoded<V> decoded = codec.read(record.value());
    if (decoded instanceof Decoded.Valid<V> valid) {
      values.put(record.key(), valid.value());
      pending.invalidate(record.key());
      onStored.accept(valid.value());
      changes.incrementAndGet();
    } else if (decoded instanceof Decoded.Invalid<V> bad) {
      log.warn("unreadable {} record {} at {}-{}@{}: {} {}", codec.contract().schemaName(), record.key(),
          record.topic(), record.partition(), record.offset(), bad.reason(), bad.errors());
    }
  }

  public Optional<V> find(String key) {
    if (deleting.getIfPresent(key) != null) {
      return Optional.empty();
    }
    V value = values.get(key);
    return value != null ? Optional.of(value) : Optional.ofNullable(pending.getIfPresent(key));
  }

  /** Whether {@code key} is only known from what this gateway published. */
  public boolean isPending(String key) {
    return !values.containsKey(key) && pending.getIfPresent(key) != null;
  }

  public Stream<V> all() {
    return Stream.concat(values.values().stream(),
            pending.asMap().values().stream().filter(v -> !values.containsKey(keyOf.apply(v))))
        .filter(v -> deleting.getIfPresent(keyOf.apply(v)) == null);
  }

  public void addPending(V value) {
    String key = keyOf.apply(value);
    deleting.invalidate(key);
    if (!values.containsKey(key)) {
      pending.put(key, value);
    }
    changes.incrementAndGet();
  }

  public void markDeleting(String key) {
    pending.invalidate(key);
    deleting.put(key, Boolean.TRUE);
    changes.incrementAndGet();
  }

  /**
   * A number that grows with every change of what {@link #all()} returns, except a pending or deleting mark
   * expiring: summaries computed from the store stay valid while it is unchanged.
   */
  public long changes() {
    return changes.get();
  }
}
