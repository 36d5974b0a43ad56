package io.neoinfra.producer.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Where a dead letter sits on the dead-letter topic: its partition and offset. */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

  public DeadLetterId {
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("partition and offset must be >= 0: " + partition + "/" + offset);
    }
  }

  /** Parses {@code P:O} or {@code P/O}. */
  public static DeadLetterId parse(String text) {
    String trimmed = text.trim();
    int at = Math.max(trimmed.indexOf(':'), trimmed.indexOf('/'));
    if (at <= 0 || at == trimmed.length() - 1) {
      throw new IllegalArgumentException("expected PARTITION:OFFSET, got '" + text + "'");
    }
    try {
      return new DeadLetterId(Integer.parseInt(trimmed.substring(0, at)), Long.parseLong(trimmed.substring(at + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected PARTITION:OFFSET with numbers, got '" + text + "'");
    }
  }

  /** Parses a comma-separated list such as {@code 0:12,0:13,2:7}. */
  public static Set<DeadLetterId> parseList(String text) {
    List<DeadLetterId> ids = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        ids.add(parse(part));
      }
    }
    return new LinkedHashSet<>(ids);
  }

  /** The replay log's key: {@code <partition>/<offset>}. */
  public String key() {
    return partition + "/" + offset;
  }

  /** The value of {@code neo-replayed-from}: {@code <dlt topic>/<partition>/<offset>}. */
  public String reference(String deadLetterTopic) {
    return deadLetterTopic + "/" + key();
  }

  @Override
  public int compareTo(DeadLetterId other) {
    int byPartition = Integer.compare(partition, other.partition);
    return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
  }

  @Override
  public String toString() {
    return partition + ":" + offset;
  }
}
