package io.neoinfra.worker.priority;

import io.neoinfra.schemas.events.Priority;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** A fetched task record waiting for a free slot. */
record PendingTask(Priority priority, TopicPartition partition, ConsumerRecord<String, byte[]> record) {
  long offset() {
    return record.offset();
  }
}
