package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Showing and replaying dead letters through the API, with the event-producer library's replay underneath: a dry run
 * lists, a replay republishes with {@code neo-replayed-from}, a second replay is a visible no-op, and the permission
 * and the body are checked.
 */
class DeadLetterApiIT extends GatewayTestBase {

  private static final String REPLAY = "/api/v1/deadletters/replay";

  @Test
  void showsOneDeadLetterWithCredentialsRedacted() {
    // given
    String target = freshTopic();
    String id = DeadLetterWriter.write(ENV.broker, ENV.topics, target, "db-show",
        "{\"database_id\": \"db-show\", \"password\": \"plain-secret\"}", "schema_invalid");

    // when
    var shown = api.get("/api/v1/deadletters/" + id, token("dlt", Permission.DEADLETTERS_REPLAY));

    // then
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().path("id").asText()).isEqualTo(id);
    assertThat(shown.json().path("error_class").asText()).isEqualTo("schema_invalid");
    assertThat(shown.json().path("source_topic").asText()).isEqualTo(target);
    assertThat(shown.json().path("value").path("database_id").asText()).isEqualTo("db-show");
    assertThat(shown.json().path("value").path("password").asText()).isEqualTo("[redacted]");
    assertThat(shown.body()).doesNotContain("plain-secret");
    assertThat(api.get("/api/v1/deadletters/0-999999999", token("dlt", Permission.DEADLETTERS_REPLAY)).status())
        .isEqualTo(404);
  }

  @Test
  void dryRunListsThenReplayRepublishesOnceWithItsOrigin() throws Exception {
    // given: a dead letter whose source topic is a fresh, empty topic
    String target = freshTopic();
    String id = DeadLetterWriter.write(ENV.broker, ENV.topics, target, "db-replay", "{\"database_id\": \"db-replay\"}", "sql_error");
    String operator = token("operator", Permission.DEADLETTERS_REPLAY);
    String body = "{\"offsets\": [\"" + id + "\"], \"rate_per_second\": 50}";

    // when: a dry run
    var dry = api.post(REPLAY, operator, "{\"offsets\": [\"" + id + "\"], \"dry_run\": true}");

    // then: it says what it would do, and sends nothing
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().path("dry_run").asBoolean()).isTrue();
    assertThat(dry.json().path("would_replay").asInt()).isEqualTo(1);
    assertThat(dry.json().path("outcomes").get(0).path("outcome").asText()).isEqualTo("would_replay");
    assertThat(dry.json().path("outcomes").get(0).path("target_topic").asText()).isEqualTo(target);
    assertThat(endOffset(target)).isZero();

    // when: the replay
    var replayed = api.post(REPLAY, operator, body);

    // then: the record is back on its topic, marked with where it came from
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
    assertThat(replayed.json().path("replayed").asInt()).isEqualTo(1);
    JsonNode outcome = replayed.json().path("outcomes").get(0);
    assertThat(outcome.path("outcome").asText()).isEqualTo("replayed");
    assertThat(outcome.path("target_topic").asText()).isEqualTo(target);
    List<ConsumerRecord<String, byte[]>> republished = readAll(target, 1);
    assertThat(republished).hasSize(1);
    assertThat(republished.get(0).key()).isEqualTo("db-replay");
    var origin = republished.get(0).headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM);
    assertThat(origin).isNotNull();
    assertThat(new String(origin.value(), StandardCharsets.UTF_8))
        .isEqualTo(ENV.topics.deadLetters() + "/" + id.replace('-', '/'));
    assertThat(republished.get(0).headers().lastHeader(DeadLetterHeaders.ERROR_CLASS)).isNull();

    // and a second replay sends nothing and says so
    var again = api.post(REPLAY, operator, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("already_replayed").asInt()).isEqualTo(1);
    assertThat(again.json().path("outcomes").get(0).path("previous").path("requested_by").asText())
        .startsWith("operator");
    assertThat(endOffset(target)).isEqualTo(republished.get(0).offset() + 2); // one record and its commit marker
  }

  @Test
  void replayNeedsTheReplayPermission() {
    var refused = api.post(REPLAY, token("reader", Permission.MIGRATIONS_READ, Permission.DATABASES_WRITE),
        "{\"offsets\": [\"0-0\"], \"dry_run\": true}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("detail").asText()).contains("deadletters:replay");
  }

  @Test
  void invalidReplayRequestsAreRefusedWithEveryFieldError() {
    String operator = token("operator", Permission.DEADLETTERS_REPLAY);
    var bad = api.post(REPLAY, operator, "{\"offsets\": [\"zero\"], \"rate_per_second\": 0, \"colour\": \"red\"}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().path("errors").findValuesAsText("field"))
        .contains("$.offsets[0]", "$.rate_per_second", "$.colour");
    var nothingSelected = api.post(REPLAY, operator, "{\"dry_run\": true}");
    assertThat(nothingSelected.status()).isEqualTo(422);
    var backwards = api.post(REPLAY, operator,
        "{\"filter\": {\"since\": \"2026-01-02T00:00:00Z\", \"until\": \"2026-01-01T00:00:00Z\"}, \"dry_run\": true}");
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.json().path("errors").findValuesAsText("field")).contains("$.filter.until");
  }

  private static String freshTopic() {
    String topic = ENV.topics.prefix() + KafkaTestBroker.uniqueName("replay-target");
    ENV.broker.createTopics(1, topic);
    return topic;
  }

  private static long endOffset(String topic) throws Exception {
    try (var admin = ENV.broker.admin()) {
      var partition = new TopicPartition(topic, 0);
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<String, byte[]>(ENV.broker.consumerProps(KafkaTestBroker.uniqueName("r")))) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }
}
