package io.neoinfra.producer.deadletter;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Runs one replay: selects dead letters, decides per record (send, already replayed, refused), then sends in
 * transactions that hold both the replayed records and their replay-log entries, so a replay is never half-recorded:
 * either a record is on its target topic and in the log, or neither (for read_committed readers such as the processor).
 */
final class Replayer {

  /** Records per transaction at most; with a rate limit, about one second's worth. */
  private static final int MAX_CHUNK = 100;

  private final String deadLetterTopic;
  private final TopicScanner scanner;
  private final ReplayLog log;
  private final Supplier<Admin> admins;
  private final Supplier<Producer<byte[], byte[]>> producers;
  private final Clock clock;
  private final Duration timeout;

  Replayer(String deadLetterTopic, TopicScanner scanner, ReplayLog log, Supplier<Admin> admins,
      Supplier<Producer<byte[], byte[]>> producers, Clock clock, Duration timeout) {
    this.deadLetterTopic = deadLetterTopic;
    this.scanner = scanner;
    this.log = log;
    this.admins = admins;
    this.producers = producers;
    this.clock = clock;
    this.timeout = timeout;
  }

  private record Candidate(ConsumerRecord<byte[], byte[]> record, DeadLetter letter, String target,
      ReplayLogEntry previous) {}

  ReplayReport replay(ReplayRequest request) {
    Map<DeadLetterId, ReplayLogEntry> replayed = log.read();
    List<ReplayOutcome> outcomes = new ArrayList<>();
    List<Candidate> toSend = new ArrayList<>();
    try (Admin admin = admins.get()) {
      Map<String, Boolean> topicExists = new HashMap<>();
      Set<DeadLetterId> seen = new HashSet<>();
      scanner.scan(deadLetterTopic, DeadLetters.startOffsets(request.selection()), record -> {
        DeadLetter letter = DeadLetterDecoder.decode(record);
        seen.add(letter.id());
        if (!request.selection().matches(letter)) {
          return;
        }
        String target = request.targetTopic() != null ? request.targetTopic() : letter.origin().topic();
        ReplayLogEntry previous = replayed.get(letter.id());
        if (target == null) {
          outcomes.add(new ReplayOutcome.Refused(letter.id(), RefusalReason.NO_SOURCE_TOPIC,
              "the record has no " + DeadLetterHeaders.SOURCE_TOPIC + " header; name a target topic to replay it"));
        } else if (target.equals(deadLetterTopic)) {
          outcomes.add(new ReplayOutcome.Refused(letter.id(), RefusalReason.TARGET_IS_DEAD_LETTER_TOPIC,
              "refusing to replay into the dead-letter topic " + target));
        } else if (!topicExists.computeIfAbsent(target, topic -> exists(admin, topic))) {
          outcomes.add(new ReplayOutcome.Refused(letter.id(), RefusalReason.TARGET_TOPIC_NOT_FOUND,
              "topic " + target + " does not exist"));
        } else if (previous != null && !request.force()) {
          outcomes.add(new ReplayOutcome.AlreadyReplayed(letter.id(), previous));
        } else if (request.dryRun()) {
          outcomes.add(new ReplayOutcome.WouldReplay(letter.id(), target, previous));
        } else {
          toSend.add(new Candidate(record, letter, target, previous));
        }
      });
      for (DeadLetterId asked : request.selection().offsets()) {
        if (!seen.contains(asked)) {
          outcomes.add(new ReplayOutcome.Refused(asked, RefusalReason.NOT_FOUND,
              "no dead letter at " + asked.reference(deadLetterTopic) + " (wrong offset, or removed by retention)"));
        }
      }
      if (!toSend.isEmpty()) {
        log.ensureExists(admin, timeout.toMillis());
        Map<TopicPartition, Long> written = new HashMap<>();
        outcomes.addAll(send(toSend, request, written));
        awaitVisible(admin, written);
      }
    }
    outcomes.sort((a, b) -> a.id().compareTo(b.id()));
    return new ReplayReport(request.dryRun(), outcomes);
  }

  private boolean exists(Admin admin, String topic) {
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE,
          "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new DeadLetterException(DeadLetterException.Code.KAFKA_UNAVAILABLE, "describing " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException(DeadLetterException.Code.INTERRUPTED, "interrupted describing " + topic, e);
    }
  }

  private List<ReplayOutcome> send(List<Candidate> candidates, ReplayRequest request,
      Map<TopicPartition, Long> written) {
    List<ReplayOutcome> outcomes = new ArrayList<>();
    int chunkSize = request.ratePerSecond() == 0 ? MAX_CHUNK : Math.max(1, Math.min(MAX_CHUNK, request.ratePerSecond()));
    try (Producer<byte[], byte[]> producer = producers.get()) {
      producer.initTransactions();
      // created once the producer is ready, so that the time spent connecting does not fill the bucket
      ReplayPacer pacer = ReplayPacer.perSecond(request.ratePerSecond());
      for (int from = 0; from < candidates.size(); from += chunkSize) {
        List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + chunkSize));
        try {
          outcomes.addAll(sendChunk(producer, chunk, pacer, request, written));
        } catch (KafkaException | ExecutionException e) {
          abortQuietly(producer);
          String detail = "Kafka refused the write: " + rootMessage(e);
          for (Candidate candidate : candidates.subList(from, candidates.size())) {
            outcomes.add(new ReplayOutcome.Refused(candidate.letter().id(), RefusalReason.SEND_FAILED, detail));
          }
          break;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          abortQuietly(producer);
          for (Candidate candidate : candidates.subList(from, candidates.size())) {
            outcomes.add(new ReplayOutcome.Refused(candidate.letter().id(), RefusalReason.SEND_FAILED, "interrupted"));
          }
          break;
        }
      }
    }
    return outcomes;
  }

  private List<ReplayOutcome> sendChunk(Producer<byte[], byte[]> producer, List<Candidate> chunk, ReplayPacer pacer,
      ReplayRequest request, Map<TopicPartition, Long> written) throws ExecutionException, InterruptedException {
    producer.beginTransaction();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Candidate candidate : chunk) {
      pacer.acquire();
      sent.add(producer.send(replayRecord(candidate)));
    }
    List<ReplayOutcome> outcomes = new ArrayList<>();
    List<Future<RecordMetadata>> logged = new ArrayList<>();
    List<RecordMetadata> targets = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      Candidate candidate = chunk.get(i);
      RecordMetadata metadata = sent.get(i).get();
      targets.add(metadata);
      DeadLetterId id = candidate.letter().id();
      int count = candidate.previous() == null ? 1 : candidate.previous().replayCount() + 1;
      logged.add(producer.send(log.record(id, new ReplayLogEntry(id.reference(deadLetterTopic), id.partition(),
          id.offset(), clock.instant(), request.requestedBy(), metadata.topic(), metadata.partition(),
          metadata.offset(), count))));
      outcomes.add(new ReplayOutcome.Replayed(id, metadata.topic(), metadata.partition(), metadata.offset(),
          candidate.previous() != null));
    }
    producer.commitTransaction();
    for (Future<RecordMetadata> entry : logged) {
      targets.add(entry.get()); // already acknowledged: commitTransaction flushed them
    }
    for (RecordMetadata metadata : targets) {
      written.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
    }
    return outcomes;
  }

  /**
   * Waits (up to the timeout) until read_committed readers see what was written: commitTransaction returns before the
   * commit markers reach every partition, and an immediate second replay must find the replay log complete.
   */
  private void awaitVisible(Admin admin, Map<TopicPartition, Long> written) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> pending = new HashMap<>(written);
    ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
    try {
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        pending.keySet().forEach(partition -> specs.put(partition, OffsetSpec.latest()));
        var stable = admin.listOffsets(specs, committed).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.entrySet().removeIf(e -> stable.get(e.getKey()).offset() > e.getValue());
        if (!pending.isEmpty()) {
          TimeUnit.MILLISECONDS.sleep(20); // markers land within milliseconds; a short pause between checks
        }
      }
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // the replay is committed; only its visibility could not be confirmed, which the next read will show
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The original key, value and headers, without the {@code neo-dlt-*} headers, plus {@code neo-replayed-from}. */
  private ProducerRecord<byte[], byte[]> replayRecord(Candidate candidate) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : candidate.record().headers()) {
      String key = header.key();
      if (!key.startsWith("neo-dlt-") && !key.equals(DeadLetterHeaders.REPLAYED_FROM)) {
        headers.add(key, header.value());
      }
    }
    headers.add(DeadLetterHeaders.REPLAYED_FROM,
        candidate.letter().id().reference(deadLetterTopic).getBytes(StandardCharsets.UTF_8));
    // partition left to the key, as for the original record; a fresh timestamp so time lag and retention start now
    return new ProducerRecord<>(candidate.target(), null, null, candidate.record().key(), candidate.record().value(),
        headers);
  }

  private static void abortQuietly(Producer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (KafkaException alreadyFatal) {
      // a fenced or fatal producer cannot abort; closing it lets the broker abort on the transaction timeout
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
