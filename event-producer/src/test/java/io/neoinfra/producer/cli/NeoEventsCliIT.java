package io.neoinfra.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NeoEventsCliIT {

  private static final KafkaTestBroker KAFKA = KafkaTestBroker.shared();
  private static final ObjectMapper MAPPER = NeoJson.newMapper();

  @TempDir Path dir;
  private Topics topics;

  @BeforeEach
  void createTopics() {
    topics = new Topics(KafkaTestBroker.uniqueName("cli") + ".");
    KAFKA.createTopics(1, topics.lifecycleAll().toArray(String[]::new));
  }

  @Test
  void publishPrintsWhereTheEventLandedAndTailPrintsItBack() throws Exception {
    Path event = dir.resolve("tenant.json");
    Files.writeString(event, "{\"tenant_id\":\"acme\",\"region\":\"eu-west\"}");

    Run publish = run("publish", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--type", "tenant.created", "--priority", "high", "--file", event.toString());

    assertThat(publish.exitCode).as(publish.err).isZero();
    JsonNode receipt = MAPPER.readTree(publish.out);
    assertThat(receipt.get("topic").asText()).isEqualTo(topics.lifecycle(Priority.HIGH));

    Run tail = run("tail", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--from-beginning", "--max-messages", "1");

    assertThat(tail.exitCode).as(tail.err).isZero();
    JsonNode line = MAPPER.readTree(tail.out.lines().findFirst().orElseThrow());
    assertThat(line.get("type").asText()).isEqualTo("io.neoinfra.tenant.created");
    assertThat(line.get("data").get("tenant_id").asText()).isEqualTo("acme");
    assertThat(line.get("id").asText()).isEqualTo(receipt.get("event_id").asText());
  }

  @Test
  void publishRefusesAnInvalidEventListingEveryFieldAndSendsNothing() throws Exception {
    Path event = dir.resolve("bad.json");
    Files.writeString(event, "{\"scope\":\"EVERYTHING\",\"priority\":\"urgent\"}");

    Run publish = run("publish", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--type", "migration.requested", "--file", event.toString());

    assertThat(publish.exitCode).isEqualTo(CliErrors.INVALID_EVENT);
    assertThat(publish.err).contains("nothing was sent", "$.execution_id", "$.scope", "$.priority");
    Run tail = run("tail", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--from-beginning", "--timeout-ms", "1500");
    assertThat(tail.out).isEmpty();
  }

  @Test
  void publishSealsAPlainPasswordWithThePublicKeyset() throws Exception {
    PrivateKeyset workerKeys = PrivateKeyset.generate();
    Path publicKeyset = dir.resolve("credentials-public.json");
    workerKeys.publicKeyset().write(publicKeyset);
    Path event = dir.resolve("db.json");
    Files.writeString(event, "{\"database_id\":\"db-cli\",\"database_name\":\"acme\",\"connection_type\":\"dedicated\","
        + "\"username\":\"acme\",\"password\":\"cli-plain-secret\"}");

    Run publish = run("publish", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--type", "database.created", "--public-keyset", publicKeyset.toString(), "--file", event.toString());
    assertThat(publish.exitCode).as(publish.err).isZero();

    String sealed = sealedPasswordOnTheTopic();
    assertThat(sealed).startsWith("neo-enc:v2:");
    assertThat(new CredentialOpener(workerKeys).open(EncryptedSecret.of(sealed))).isEqualTo("cli-plain-secret");
  }

  @Test
  void tailShowsNoPasswordPlainOrSealed() throws Exception {
    Path publicKeyset = dir.resolve("credentials-public.json");
    PrivateKeyset.generate().publicKeyset().write(publicKeyset);
    Path event = dir.resolve("db.json");
    Files.writeString(event, "{\"database_id\":\"db-tail\",\"database_name\":\"acme\",\"connection_type\":\"dedicated\","
        + "\"username\":\"acme\",\"password\":\"tail-plain-secret\"}");
    run("publish", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--type", "database.created", "--public-keyset", publicKeyset.toString(), "--file", event.toString());

    Run tail = run("tail", "--bootstrap-server", KAFKA.bootstrapServers(), "--topic-prefix", topics.prefix(),
        "--from-beginning", "--max-messages", "1");

    assertThat(tail.out).doesNotContain("tail-plain-secret").doesNotContain("neo-enc:");
    assertThat(MAPPER.readTree(tail.out.lines().findFirst().orElseThrow()).path("data").path("password").asText())
        .isEqualTo(RedactionPolicy.REDACTED);
  }

  /** The password field of the one record on the lifecycle topics, as it is on the broker. */
  private String sealedPasswordOnTheTopic() throws Exception {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KAFKA.consumerProps(
        KafkaTestBroker.uniqueName("cli-raw")), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(topics.lifecycleAll());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          return MAPPER.readTree(record.value()).path("password").asText();
        }
      }
    }
    throw new AssertionError("no record on " + topics.lifecycleAll());
  }

  @Test
  void unknownTypeIsAUsageErrorThatListsTheTypes() {
    Run publish = run("publish", "--type", "cluster.exploded", "--file", "x.json");

    assertThat(publish.exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(publish.err).contains("unknown event type 'cluster.exploded'", "database.created");
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = NeoEventsCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
