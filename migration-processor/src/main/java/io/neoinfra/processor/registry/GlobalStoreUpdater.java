package io.neoinfra.processor.registry;

import io.neoinfra.schemas.serde.Decoded;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store equal to its compacted topic: a value is stored, a tombstone deletes, an unreadable value
 * (not written by this processor, so not ours to repair) is skipped with a warning.
 */
public final class GlobalStoreUpdater<V> implements Processor<String, Decoded<V>, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreUpdater.class);

  private final String storeName;
  private KeyValueStore<String, V> store;

  public GlobalStoreUpdater(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Decoded<V>> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else if (record.value() instanceof Decoded.Valid<V> valid) {
      store.put(record.key(), valid.value());
    } else if (record.value() instanceof Decoded.Invalid<V> invalid) {
      LOG.warn("skipping unreadable record {} of global store {}: {}", record.key(), storeName, invalid.reason().id());
    }
  }
}
