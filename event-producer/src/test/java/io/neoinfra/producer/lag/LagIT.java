package io.neoinfra.producer.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LagIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final Instant BASE = Instant.parse("2026-11-25T10:00:00Z");

  @TempDir Path dir;
  private String topic;
  private String group;

  @BeforeEach
  void createTopic() {
    topic = KafkaTestBroker.uniqueName("lag");
    group = KafkaTestBroker.uniqueName("lag-group");
    KAFKA.createTopics(3, topic);
  }

  /** Writes {@code count} records to the partition, record i stamped BASE + i seconds. */
  private void produce(int partition, int count) throws Exception {
    try (var producer = new KafkaProducer<String, byte[]>(KAFKA.producerProps())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, partition, BASE.plusSeconds(i).toEpochMilli(), "k" + i, new byte[8]));
      }
      producer.flush();
    }
  }

  private TopicPartition tp(int partition) {
    return new TopicPartition(topic, partition);
  }

  private LagSettings settings() {
    return LagSettings.of(KAFKA.bootstrapServers());
  }

  private KafkaConsumer<String, byte[]> member() {
    Map<String, Object> props = new HashMap<>(KAFKA.consumerProps(group));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    var consumer = new KafkaConsumer<String, byte[]>(props);
    consumer.subscribe(List.of(topic));
    Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
      consumer.poll(Duration.ofMillis(100));
      return consumer.assignment().size() == 3;
    });
    return consumer;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(Object... partitionOffset) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < partitionOffset.length; i += 2) {
      offsets.put((TopicPartition) partitionOffset[i], new OffsetAndMetadata((Long) partitionOffset[i + 1]));
    }
    return offsets;
  }

  @Test
  void lagAgreesWithKafkasOwnConsumerGroupsTool() throws Exception {
    // given a group with known lag on every partition: 15, 0 and 5 records behind
    produce(0, 20);
    produce(1, 10);
    produce(2, 5);
    try (Admin admin = KAFKA.admin()) {
      admin.alterConsumerGroupOffsets(group, offsets(tp(0), 5L, tp(1), 10L, tp(2), 0L)).all()
          .get(30, TimeUnit.SECONDS);
    }
    Instant now = BASE.plus(Duration.ofHours(1));

    // when our reader and kafka-consumer-groups --describe look at it
    GroupLag ours;
    try (LagReader reader = new LagReader(settings(), Clock.fixed(now, ZoneOffset.UTC))) {
      ours = reader.read(group);
    }
    KafkaConsumerGroupsTool.Result theirs = KafkaConsumerGroupsTool.describe(KAFKA.bootstrapServers(), group, dir);

    // then both show the same current offset, log-end offset and lag per partition
    System.out.println("kafka-consumer-groups --describe --group " + group + ":\n" + theirs.output());
    System.out.println("LagReader: " + ours);
    assertThat(theirs.exitCode()).as(theirs.output()).isZero();
    assertThat(theirs.rows()).as(theirs.output()).hasSize(3);
    for (KafkaConsumerGroupsTool.Row row : theirs.rows()) {
      PartitionLag mine = ours.partitions().stream()
          .filter(p -> p.topic().equals(row.topic()) && p.partition() == row.partition())
          .findFirst().orElseThrow();
      assertThat(mine.committedOffset()).as("CURRENT-OFFSET of %s", mine.topicPartition())
          .isEqualTo(row.currentOffset());
      assertThat(mine.logEndOffset()).as("LOG-END-OFFSET of %s", mine.topicPartition())
          .isEqualTo(row.logEndOffset());
      assertThat(mine.lag()).as("LAG of %s", mine.topicPartition()).isEqualTo(row.lag());
    }
    assertThat(ours.partitions()).extracting(PartitionLag::lag).containsExactly(15L, 0L, 5L);
    assertThat(ours.totalLag()).isEqualTo(20);
    // and the time lag is the age of the record at the committed offset (record i is stamped BASE + i s)
    assertThat(ours.partitions()).extracting(PartitionLag::timeLag).containsExactly(
        Duration.ofHours(1).minusSeconds(5), Duration.ZERO, Duration.ofHours(1));
    assertThat(ours.partitions().get(0).oldestUnconsumedAt()).isEqualTo(BASE.plusSeconds(5));
  }

  @Test
  void lagAndPartitionOwnersAgreeWithTheToolForAGroupWithAnActiveMember() throws Exception {
    produce(0, 9);
    produce(2, 4);
    try (var consumer = member()) {
      consumer.commitSync(offsets(tp(0), 2L, tp(1), 0L, tp(2), 4L));

      GroupLag ours;
      try (LagReader reader = new LagReader(settings(), Clock.systemUTC())) {
        ours = reader.read(group);
      }
      KafkaConsumerGroupsTool.Result theirs = KafkaConsumerGroupsTool.describe(KAFKA.bootstrapServers(), group, dir);

      assertThat(theirs.rows()).as(theirs.output()).hasSize(3);
      assertThat(ours.members()).isEqualTo(1);
      for (KafkaConsumerGroupsTool.Row row : theirs.rows()) {
        PartitionLag mine = ours.partitions().get(row.partition());
        assertThat(mine.committedOffset()).isEqualTo(row.currentOffset());
        assertThat(mine.logEndOffset()).isEqualTo(row.logEndOffset());
        assertThat(mine.lag()).isEqualTo(row.lag());
        assertThat(mine.consumerId()).isEqualTo(row.consumerId());
        assertThat(mine.host()).isEqualTo(row.host());
        assertThat(mine.clientId()).isEqualTo(row.clientId());
      }
      assertThat(ours.partitions()).extracting(PartitionLag::lag).containsExactly(7L, 0L, 0L);
    }
  }

  @Test
  void activeMembersThatStopCommittingWhileLagExistsAreStalled() throws Exception {
    produce(0, 10);
    try (var consumer = member();
        var monitor = new LagMonitor(settings(), Set.of(group), Clock.systemUTC())) {
      consumer.commitSync(offsets(tp(0), 3L, tp(1), 0L, tp(2), 0L));

      monitor.sampleNow();
      produce(0, 5);
      monitor.sampleNow();
      monitor.sampleNow();

      LagMonitor.LagReport report = monitor.report(group).orElseThrow();
      assertThat(report.latest().members()).isEqualTo(1);
      assertThat(report.latest().partitions().get(0).consumerId()).isNotNull();
      assertThat(report.evaluation().status()).isEqualTo(LagStatus.STALLED);
      assertThat(report.evaluation().partitions().get(0).reason()).isEqualTo(LagReason.COMMITS_NOT_MOVING);
    }
  }

  @Test
  void closedGroupWithLagIsStopped() throws Exception {
    produce(1, 8);
    try (var consumer = member()) {
      consumer.commitSync(offsets(tp(0), 0L, tp(1), 2L, tp(2), 0L));
    }

    try (var monitor = new LagMonitor(settings(), Set.of(group), Clock.systemUTC())) {
      monitor.sampleNow();
      monitor.sampleNow();

      LagMonitor.LagReport report = monitor.report(group).orElseThrow();
      assertThat(report.latest().members()).isZero();
      assertThat(report.latest().state()).isEqualTo("Empty");
      assertThat(report.evaluation().status()).isEqualTo(LagStatus.STOPPED);
      assertThat(report.evaluation().partitions()).filteredOn(p -> p.partition() == 1).singleElement()
          .extracting(PartitionEvaluation::reason).isEqualTo(LagReason.NO_ACTIVE_MEMBERS);
    }
  }

  @Test
  void caughtUpGroupIsOk() throws Exception {
    produce(0, 6);
    produce(2, 4);
    try (var consumer = member();
        var monitor = new LagMonitor(settings(), Set.of(group), Clock.systemUTC())) {
      consumer.commitSync(offsets(tp(0), 6L, tp(1), 0L, tp(2), 4L));

      monitor.sampleNow();
      monitor.sampleNow();

      LagMonitor.LagReport report = monitor.report(group).orElseThrow();
      assertThat(report.latest().totalLag()).isZero();
      assertThat(report.latest().maxTimeLag()).isZero();
      assertThat(report.evaluation().status()).isEqualTo(LagStatus.OK);
    }
  }

  @Test
  void committingMembersFallingFurtherBehindAreAWarning() throws Exception {
    produce(0, 10);
    try (var consumer = member();
        var monitor = new LagMonitor(settings(), Set.of(group), Clock.systemUTC())) {
      consumer.commitSync(offsets(tp(0), 2L, tp(1), 0L, tp(2), 0L));
      monitor.sampleNow(); // lag 8
      produce(0, 10);
      consumer.commitSync(offsets(tp(0), 4L));
      monitor.sampleNow(); // lag 16
      produce(0, 10);
      consumer.commitSync(offsets(tp(0), 6L));
      monitor.sampleNow(); // lag 24

      LagMonitor.LagReport report = monitor.report(group).orElseThrow();
      assertThat(report.latest().partitions().get(0).lag()).isEqualTo(24);
      assertThat(report.evaluation().status()).isEqualTo(LagStatus.WARNING);
      assertThat(report.evaluation().partitions().get(0).reason()).isEqualTo(LagReason.LAG_GROWING);
    }
  }

  @Test
  void onlyATransactionMarkerLeftCountsAsLagButNotAsTimeLag() throws Exception {
    // given five records written in a transaction: offsets 0-4, the commit marker at 5, log end 6
    Map<String, Object> props = new HashMap<>(KAFKA.producerProps());
    props.put(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, KafkaTestBroker.uniqueName("tx"));
    try (var producer = new KafkaProducer<String, byte[]>(props)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, 0, BASE.toEpochMilli(), "k", new byte[1]));
      }
      producer.commitTransaction();
    }
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
      try (Admin admin = KAFKA.admin()) {
        return admin.listOffsets(Map.of(tp(0), org.apache.kafka.clients.admin.OffsetSpec.latest()))
            .all().get(30, TimeUnit.SECONDS).get(tp(0)).offset() == 6;
      }
    });
    // and a group that consumed all five records and committed 5 (the marker's offset)
    try (Admin admin = KAFKA.admin()) {
      admin.alterConsumerGroupOffsets(group, offsets(tp(0), 5L)).all().get(30, TimeUnit.SECONDS);
    }

    GroupLag lag;
    try (LagReader reader = new LagReader(settings(), Clock.fixed(BASE.plusSeconds(60), ZoneOffset.UTC))) {
      lag = reader.read(group);
    }

    // then the offset lag is 1, as kafka-consumer-groups says, but nothing waits to be consumed
    PartitionLag partition = lag.partitions().get(0);
    assertThat(partition.lag()).isEqualTo(1);
    assertThat(partition.timeLag()).isEqualTo(Duration.ZERO);
  }

  @Test
  void monitorWithoutGroupsWatchesEveryConsumerGroup() throws Exception {
    produce(0, 3);
    try (Admin admin = KAFKA.admin()) {
      admin.alterConsumerGroupOffsets(group, offsets(tp(0), 1L)).all().get(30, TimeUnit.SECONDS);
    }
    try (var monitor = new LagMonitor(settings(), Set.of(), Clock.systemUTC())) {
      monitor.sampleNow();

      assertThat(monitor.reports()).extracting(r -> r.latest().groupId()).contains(group);
      assertThat(monitor.report(group).orElseThrow().latest().totalLag()).isEqualTo(2);
    }
  }
}
