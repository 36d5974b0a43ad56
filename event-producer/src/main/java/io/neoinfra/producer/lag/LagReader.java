package io.neoinfra.producer.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads consumer-group lag with the Admin client, as {@code kafka-consumer-groups --describe} does
 * (listConsumerGroupOffsets, listOffsets latest, describeConsumerGroups), and the time lag with a consumer that belongs
 * to no group: assigned to the lagging partitions, it seeks to each committed offset and reads one record's timestamp.
 * Holds one Admin client and one consumer; not thread-safe (the {@link LagMonitor} calls it from one thread); close it.
 */
public final class LagReader implements AutoCloseable {

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Clock clock;
  private final Duration timeout;

  public LagReader(LagSettings settings, Clock clock) {
    this.clock = clock;
    this.timeout = settings.timeout();
    Map<String, Object> adminProps = new HashMap<>(settings.kafkaProperties());
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin");
    this.admin = Admin.create(adminProps);
    Map<String, Object> consumerProps = new HashMap<>(settings.kafkaProperties());
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-timestamps");
    consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG); // must never join (or move) the groups it measures
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a committed offset below the log start (retention deleted it) reads from the oldest record still there
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // the log-end offset is the high watermark (as Kafka's tool reads it); read up to it, open transactions included
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(consumerProps);
  }

  /** The ids of every consumer group, sorted. */
  public List<String> consumerGroups() {
    Collection<GroupListing> groups = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(),
        "listing consumer groups");
    return groups.stream().map(GroupListing::groupId).sorted().toList();
  }

  /** One sample of a group; an unknown group comes back {@code Dead} with no members and no partitions. */
  public GroupLag read(String groupId) {
    Instant sampledAt = clock.instant();
    String state;
    List<MemberDescription> members;
    try {
      ConsumerGroupDescription description = await(
          admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId), "describing " + groupId);
      state = description.groupState() == null ? "Unknown" : description.groupState().toString();
      members = List.copyOf(description.members());
    } catch (LagException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
      state = "Dead";
      members = List.of();
    }
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "offsets of " + groupId)
        .forEach((partition, offset) -> {
          if (offset != null) {
            committed.put(partition, offset);
          }
        });
    Map<TopicPartition, MemberDescription> owners = new HashMap<>();
    for (MemberDescription member : members) {
      member.assignment().topicPartitions().forEach(p -> owners.put(p, member));
    }
    Set<TopicPartition> partitions = new TreeSet<>(
        java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    partitions.addAll(committed.keySet());
    partitions.addAll(owners.keySet());
    Map<TopicPartition, Long> logEnds = logEndOffsets(partitions);
    Map<TopicPartition, Long> lagging = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      Long end = logEnds.get(partition);
      if (offset != null && end != null && end > offset.offset()) {
        lagging.put(partition, offset.offset());
      }
    }
    Map<TopicPartition, Instant> oldest = oldestUnconsumed(lagging, logEnds);
    List<PartitionLag> lags = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      if (!logEnds.containsKey(partition)) {
        continue; // the topic was deleted since the offset was committed
      }
      long end = logEnds.get(partition);
      OffsetAndMetadata offset = committed.get(partition);
      Long lag = offset == null ? null : Math.max(0, end - offset.offset());
      Instant oldestAt = oldest.get(partition);
      Duration timeLag;
      if (lag == null) {
        timeLag = null;
      } else if (lag == 0) {
        timeLag = Duration.ZERO;
      } else if (oldest.containsKey(partition)) {
        // a null timestamp means only transaction markers were left: nothing waits to be consumed
        timeLag = oldestAt == null ? Duration.ZERO : maxZero(Duration.between(oldestAt, sampledAt));
      } else {
        timeLag = null; // the record could not be read within the timeout
      }
      MemberDescription owner = owners.get(partition);
      lags.add(new PartitionLag(partition.topic(), partition.partition(), offset == null ? null : offset.offset(), end,
          lag, oldestAt, timeLag, owner == null ? null : owner.consumerId(),
          owner == null ? null : owner.host(), owner == null ? null : owner.clientId()));
    }
    return new GroupLag(groupId, state, members.size(), sampledAt, lags);
  }

  private Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    partitions.forEach(p -> specs.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    var result = admin.listOffsets(specs);
    for (TopicPartition partition : partitions) {
      try {
        ends.put(partition, await(result.partitionResult(partition), "log-end offset of " + partition).offset());
      } catch (LagException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    return ends;
  }

  /**
   * The timestamp of the first record at or after each committed offset. A partition maps to {@code null} when the
   * reader got past the log end without a record (only markers of transactions were left).
   */
  private Map<TopicPartition, Instant> oldestUnconsumed(Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> logEnds) {
    Map<TopicPartition, Instant> oldest = new HashMap<>();
    if (committed.isEmpty()) {
      return oldest;
    }
    consumer.assign(committed.keySet());
    committed.forEach(consumer::seek);
    Set<TopicPartition> pending = new java.util.HashSet<>(committed.keySet());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (pending.remove(partition)) {
          oldest.put(partition, Instant.ofEpochMilli(record.timestamp()));
          consumer.pause(List.of(partition));
        }
      }
      for (TopicPartition partition : List.copyOf(pending)) {
        if (consumer.position(partition, timeout) >= logEnds.get(partition)) {
          pending.remove(partition);
          oldest.put(partition, null);
        }
      }
    }
    consumer.assign(List.of()); // drop the assignment (and its fetch buffers) until the next sample
    return oldest;
  }

  private static Duration maxZero(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration; // clock skew between producer and us
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new LagException(LagException.Code.KAFKA_UNAVAILABLE,
          what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new LagException(LagException.Code.KAFKA_UNAVAILABLE, what + " timed out after " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LagException(LagException.Code.INTERRUPTED, "interrupted " + what, e);
    }
  }

  @Override
  public void close() {
    consumer.close();
    admin.close();
  }
}
