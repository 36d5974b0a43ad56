package io.neoinfra.producer.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Reads and writes the compacted replay log. */
final class ReplayLog {

  private final String topic;
  private final ObjectMapper mapper;
  private final TopicScanner scanner;

  ReplayLog(String topic, ObjectMapper mapper, TopicScanner scanner) {
    this.topic = topic;
    this.mapper = mapper;
    this.scanner = scanner;
  }

  String topic() {
    return topic;
  }

  /** The latest entry per dead letter; empty if the log does not exist yet. */
  Map<DeadLetterId, ReplayLogEntry> read() {
    Map<DeadLetterId, ReplayLogEntry> entries = new HashMap<>();
    try {
      scanner.scanAll(topic, record -> {
        if (record.key() == null) {
          return;
        }
        DeadLetterId id;
        try {
          id = DeadLetterId.parse(new String(record.key(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException foreignKey) {
          return; // not ours: the log is keyed <partition>/<offset>
        }
        if (record.value() == null) {
          entries.remove(id); // a tombstone: an operator cleared the entry to allow a plain replay again
          return;
        }
        try {
          entries.put(id, mapper.readValue(record.value(), ReplayLogEntry.class));
        } catch (IOException unreadable) {
          // an unreadable entry still proves a replay happened; keep the coordinates at least
          entries.put(id, new ReplayLogEntry(null, id.partition(), id.offset(), null, null, null, -1, -1, 1));
        }
      });
    } catch (DeadLetterException e) {
      if (e.code() != DeadLetterException.Code.TOPIC_NOT_FOUND) {
        throw e;
      }
    }
    return entries;
  }

  ProducerRecord<byte[], byte[]> record(DeadLetterId id, ReplayLogEntry entry) {
    try {
      return new ProducerRecord<>(topic, id.key().getBytes(StandardCharsets.UTF_8), mapper.writeValueAsBytes(entry));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the log topic (compacted, one partition, the broker's replication factor) unless it exists. */
  void ensureExists(Admin admin, long timeoutMs) {
    NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(java.util.List.of(newTopic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE,
            "cannot create the replay log " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE,
          "creating the replay log " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException(DeadLetterException.Code.INTERRUPTED, "interrupted creating " + topic, e);
    }
  }
}
