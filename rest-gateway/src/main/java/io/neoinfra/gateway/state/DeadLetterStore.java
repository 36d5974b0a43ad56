package io.neoinfra.gateway.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** The newest dead letters (bounded: the topic is not compacted and may be large), newest first. */
public final class DeadLetterStore implements RecordHandler {

  private final String topic;
  private final int capacity;
  private final Deque<DeadLetter> letters = new ArrayDeque<>();

  public DeadLetterStore(String topic, int capacity) {
    this.topic = topic;
    this.capacity = capacity;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void apply(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      // Only our own neo-* headers: the original's ce_* and content headers say nothing more about the failure.
      if (h.key().startsWith("neo-") && h.value() != null) {
        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    var letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
        Instant.ofEpochMilli(record.timestamp()), Map.copyOf(headers));
    synchronized (letters) {
      letters.addFirst(letter);
      while (letters.size() > capacity) {
        letters.removeLast();
      }
    }
  }

  public List<DeadLetter> newestFirst() {
    synchronized (letters) {
      return new ArrayList<>(letters);
    }
  }
}
