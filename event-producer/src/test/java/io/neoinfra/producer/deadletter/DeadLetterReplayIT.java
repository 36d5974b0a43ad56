package io.neoinfra.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.producer.deadletter.DeadLetterFixture.Spec;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterReplayIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String DB_CREATED = "io.neoinfra.database.created";
  private static final String MIGRATION = "io.neoinfra.migration.requested";

  private final DeadLetterFixture fixture = new DeadLetterFixture(KAFKA);
  private Topics topics;
  private String source;
  private DeadLetters deadLetters;

  @BeforeEach
  void createTopics() {
    topics = new Topics(KafkaTestBroker.uniqueName("dlt") + ".");
    source = topics.lifecycle(Priority.NORMAL);
    KAFKA.createTopics(3, source, topics.deadLetters());
    deadLetters = DeadLetters.configure()
        .bootstrapServers(KAFKA.bootstrapServers())
        .topicPrefix(topics.prefix())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .load();
  }

  private Spec spec(int i) {
    return new Spec("db-" + i, source, i % 3, 1000 + i, i % 2 == 0 ? DB_CREATED : MIGRATION,
        i % 4 == 0 ? "schema_invalid" : "connection_refused", "db-" + (i % 10), "exec-" + (i % 5),
        NOW.minusSeconds(3600 - i));
  }

  private List<Spec> specs(int count) {
    return IntStream.range(0, count).mapToObj(this::spec).toList();
  }

  private static ReplayRequest.Builder replayAll() {
    return ReplayRequest.of(DeadLetterFilter.all()).requestedBy("alice").ratePerSecond(0);
  }

  @Test
  void hundredDeadLettersReplayExactlyOnceToTheirOriginalTopicAndASecondReplayIsANoOp() throws Exception {
    // given 100 dead letters, written as the processor writes them
    List<DeadLetterId> ids = fixture.deadLetter(topics.deadLetters(), specs(100));

    // when they are replayed (at most 200 per second)
    long started = System.nanoTime();
    ReplayReport first = deadLetters.replay(replayAll().ratePerSecond(200).build());
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    // then all 100 are on the original topic once each, marked with where they came from, without neo-dlt-* headers
    assertThat(first.replayed()).isEqualTo(100);
    assertThat(first.refused()).isZero();
    List<ConsumerRecord<String, byte[]>> replayed = fixture.readAll(source, 100);
    assertThat(replayed).hasSize(100);
    long sendSpanMs = replayed.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow()
        - replayed.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow();
    // a figure for people, not an assertion: the pacing itself is tested without time in ReplayPacerTest
    System.out.printf("replayed 100 dead letters at --rate 200 in %d ms (first to last send %d ms, %.0f records/s)%n",
        tookMs, sendSpanMs, sendSpanMs == 0 ? Double.NaN : 99_000.0 / sendSpanMs);
    Set<String> expectedRefs = ids.stream().map(id -> id.reference(topics.deadLetters())).collect(Collectors.toSet());
    assertThat(replayed).extracting(r -> DeadLetterFixture.header(r, DeadLetterHeaders.REPLAYED_FROM))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectedRefs);
    for (ConsumerRecord<String, byte[]> record : replayed) {
      assertThat(record.headers()).noneMatch(h -> h.key().startsWith("neo-dlt-"));
      assertThat(DeadLetterFixture.header(record, "ce_id")).isEqualTo("evt-" + record.key());
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"database_name\":\"" + record.key());
    }

    // and the replay log has one entry per dead letter, pointing at the replayed record
    Map<DeadLetterId, ReplayLogEntry> log = deadLetters.replayLog();
    assertThat(log).hasSize(100).containsOnlyKeys(ids);
    Map<String, ConsumerRecord<String, byte[]>> byRef = replayed.stream().collect(Collectors.toMap(
        r -> DeadLetterFixture.header(r, DeadLetterHeaders.REPLAYED_FROM), Function.identity()));
    for (ReplayLogEntry entry : log.values()) {
      ConsumerRecord<String, byte[]> target = byRef.get(entry.deadLetter());
      assertThat(entry.targetTopic()).isEqualTo(source);
      assertThat(entry.targetPartition()).isEqualTo(target.partition());
      assertThat(entry.targetOffset()).isEqualTo(target.offset());
      assertThat(entry.requestedBy()).isEqualTo("alice");
      assertThat(entry.replayedAt()).isEqualTo(NOW);
      assertThat(entry.replayCount()).isEqualTo(1);
    }

    // when replayed a second time
    ReplayReport second = deadLetters.replay(replayAll().requestedBy("bob").build());

    // then nothing is sent and every record is reported as already replayed, with when and by whom
    assertThat(second.replayed()).isZero();
    assertThat(second.alreadyReplayed()).isEqualTo(100);
    assertThat(second.outcomes()).allSatisfy(outcome -> {
      var already = (ReplayOutcome.AlreadyReplayed) outcome;
      assertThat(already.previous().requestedBy()).isEqualTo("alice");
      assertThat(already.previous().replayedAt()).isEqualTo(NOW);
    });
    assertThat(fixture.readAll(source, 100)).hasSize(100);
  }

  @Test
  void dryRunListsWhatWouldBeReplayedAndSendsNothing() throws Exception {
    fixture.deadLetter(topics.deadLetters(), specs(10));

    ReplayReport report = deadLetters.replay(replayAll().dryRun(true).build());

    assertThat(report.dryRun()).isTrue();
    assertThat(report.wouldReplay()).isEqualTo(10);
    assertThat(report.outcomes()).allSatisfy(
        o -> assertThat(((ReplayOutcome.WouldReplay) o).topic()).isEqualTo(source));
    assertThat(fixture.readAll(source)).isEmpty();
    assertThat(deadLetters.replayLog()).isEmpty();
  }

  @Test
  void listDecodesHeadersAndFiltersByEventTypeErrorClassDatabaseExecutionAndTime() throws Exception {
    fixture.deadLetter(topics.deadLetters(), specs(20));

    List<DeadLetter> all = deadLetters.list(DeadLetterFilter.all());
    assertThat(all).hasSize(20);
    DeadLetter db7 = all.stream().filter(d -> "db-7".equals(d.key())).findFirst().orElseThrow();
    assertThat(db7.failure().errorClass()).isEqualTo("connection_refused");
    assertThat(db7.failure().attempts()).isEqualTo(4);
    assertThat(db7.failure().lastFailureAt()).isEqualTo(NOW.minusSeconds(3600 - 7));
    assertThat(db7.failure().firstFailureAt()).isEqualTo(NOW.minusSeconds(3660 - 7));
    assertThat(db7.failure().deadLetteredBy()).isEqualTo("migration-processor");
    assertThat(db7.origin()).isEqualTo(new DeadLetter.Origin(source, 1, 1007L));
    assertThat(db7.eventType()).isEqualTo(MIGRATION);
    assertThat(db7.databaseId()).isEqualTo("db-7");
    assertThat(db7.executionId()).isEqualTo("exec-2");

    assertThat(deadLetters.list(DeadLetterFilter.builder().eventTypes(List.of(DB_CREATED)).build()))
        .hasSize(10).allMatch(d -> d.eventType().equals(DB_CREATED));
    assertThat(deadLetters.list(DeadLetterFilter.builder().errorClasses(List.of("schema_invalid")).build()))
        .extracting(DeadLetter::key).containsExactlyInAnyOrder("db-0", "db-4", "db-8", "db-12", "db-16");
    assertThat(deadLetters.list(DeadLetterFilter.builder().databaseIds(List.of("db-3")).build()))
        .extracting(DeadLetter::key).containsExactlyInAnyOrder("db-3", "db-13");
    assertThat(deadLetters.list(DeadLetterFilter.builder().executionIds(List.of("exec-1")).build()))
        .extracting(DeadLetter::key).containsExactlyInAnyOrder("db-1", "db-6", "db-11", "db-16");
    assertThat(deadLetters.list(DeadLetterFilter.builder()
        .since(NOW.minusSeconds(3600 - 5)).until(NOW.minusSeconds(3600 - 8)).build()))
        .extracting(DeadLetter::key).containsExactlyInAnyOrder("db-5", "db-6", "db-7");
    assertThat(deadLetters.list(DeadLetterFilter.builder()
        .eventTypes(List.of(DB_CREATED)).errorClasses(List.of("connection_refused")).build()))
        .extracting(DeadLetter::key).containsExactlyInAnyOrder("db-2", "db-6", "db-10", "db-14", "db-18");
  }

  @Test
  void findShowsOneDeadLetterWithItsValue() throws Exception {
    List<DeadLetterId> ids = fixture.deadLetter(topics.deadLetters(), specs(5));

    DeadLetter found = deadLetters.find(ids.get(3)).orElseThrow();

    assertThat(found.id()).isEqualTo(ids.get(3));
    assertThat(found.key()).isEqualTo("db-3");
    assertThat(new String(found.value(), StandardCharsets.UTF_8)).isEqualTo(
        new String(DeadLetterFixture.value(spec(3)), StandardCharsets.UTF_8));
    assertThat(deadLetters.find(new DeadLetterId(0, 9_999))).isEmpty();
  }

  @Test
  void offsetsSelectionReplaysOnlyTheChosenDeadLetters() throws Exception {
    List<DeadLetterId> ids = fixture.deadLetter(topics.deadLetters(), specs(12));
    List<DeadLetterId> chosen = List.of(ids.get(1), ids.get(5), ids.get(9));
    DeadLetterId missing = new DeadLetterId(0, 5_000);
    List<DeadLetterId> asked = new ArrayList<>(chosen);
    asked.add(missing);

    ReplayReport report = deadLetters.replay(
        ReplayRequest.of(DeadLetterFilter.builder().offsets(asked).build()).requestedBy("alice").build());

    assertThat(report.replayed()).isEqualTo(3);
    assertThat(report.outcomes()).filteredOn(ReplayOutcome.Replayed.class::isInstance)
        .extracting(ReplayOutcome::id).containsExactlyInAnyOrderElementsOf(chosen);
    assertThat(report.outcomes()).filteredOn(ReplayOutcome.Refused.class::isInstance).singleElement()
        .satisfies(o -> {
          assertThat(o.id()).isEqualTo(missing);
          assertThat(((ReplayOutcome.Refused) o).reason()).isEqualTo(RefusalReason.NOT_FOUND);
        });
    assertThat(fixture.readAll(source, 3)).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("db-1", "db-5", "db-9");
  }

  @Test
  void replayToAChosenTopicLeavesTheOriginalTopicAlone() throws Exception {
    String chosen = topics.prefix() + "quarantine";
    KAFKA.createTopics(1, chosen);
    fixture.deadLetter(topics.deadLetters(), specs(4));

    ReplayReport report = deadLetters.replay(replayAll().toTopic(chosen).build());

    assertThat(report.replayed()).isEqualTo(4);
    assertThat(report.outcomes()).allSatisfy(o -> assertThat(((ReplayOutcome.Replayed) o).topic()).isEqualTo(chosen));
    assertThat(fixture.readAll(chosen, 4)).hasSize(4);
    assertThat(fixture.readAll(source)).isEmpty();
  }

  @Test
  void deadLetterWithoutSourceTopicIsRefusedWithTheReasonAndOthersStillReplay() throws Exception {
    Spec orphan = new Spec("orphan", null, 0, 0, DB_CREATED, "schema_invalid", "db-x", null, NOW);
    List<DeadLetterId> ids = fixture.deadLetter(topics.deadLetters(), List.of(orphan, spec(1)));

    ReplayReport report = deadLetters.replay(replayAll().build());

    assertThat(report.replayed()).isEqualTo(1);
    ReplayOutcome.Refused refused = report.outcomes().stream()
        .filter(ReplayOutcome.Refused.class::isInstance).map(ReplayOutcome.Refused.class::cast)
        .findFirst().orElseThrow();
    assertThat(refused.id()).isEqualTo(ids.get(0));
    assertThat(refused.reason()).isEqualTo(RefusalReason.NO_SOURCE_TOPIC);
    assertThat(refused.detail()).contains(DeadLetterHeaders.SOURCE_TOPIC);
    assertThat(fixture.readAll(source, 1)).extracting(ConsumerRecord::key).containsExactly("db-1");
  }

  @Test
  void replayToAMissingTopicIsRefusedAndNothingIsCreated() throws Exception {
    fixture.deadLetter(topics.deadLetters(), specs(2));

    ReplayReport report = deadLetters.replay(replayAll().toTopic(topics.prefix() + "nowhere").build());

    assertThat(report.outcomes()).allSatisfy(o ->
        assertThat(((ReplayOutcome.Refused) o).reason()).isEqualTo(RefusalReason.TARGET_TOPIC_NOT_FOUND));
    assertThat(deadLetters.replayLog()).isEmpty();
  }

  @Test
  void forceReplaysAnAlreadyReplayedDeadLetterAgainAndCountsIt() throws Exception {
    List<DeadLetterId> ids = fixture.deadLetter(topics.deadLetters(), specs(1));
    deadLetters.replay(replayAll().build());

    ReplayReport forced = deadLetters.replay(replayAll().force(true).requestedBy("bob").build());

    assertThat(forced.outcomes()).singleElement()
        .satisfies(o -> assertThat(((ReplayOutcome.Replayed) o).forced()).isTrue());
    ReplayLogEntry entry = deadLetters.replayLog().get(ids.get(0));
    assertThat(entry.replayCount()).isEqualTo(2);
    assertThat(entry.requestedBy()).isEqualTo("bob");
    List<ConsumerRecord<String, byte[]>> onSource = new ArrayList<>(fixture.readAll(source, 2));
    assertThat(onSource).hasSize(2);
  }
}
