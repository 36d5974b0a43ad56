package io.neoinfra.devstack.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.devstack.DevStack;
import io.neoinfra.devstack.DevStackSettings;
import io.neoinfra.producer.cli.NeoEventsCli;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.redaction.RedactionPolicy;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.FreePorts;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs the platform (its own dev stack: Kafka node, processor, worker, gateway, OIDC issuer, in this JVM) through a
 * scenario full of known secrets, then reads everything it left behind and looks for them:
 *
 * <ul>
 *   <li>a database registered through the gateway with a known password, migrated (PostgreSQL's trust auth accepts
 *       any password);</li>
 *   <li>a database registered through the library with another known password, migrated;</li>
 *   <li>two events the processor refuses, dead-lettered: one with a plaintext password, one with a sealed one;</li>
 *   <li>a refused API request carrying a password, a call with a forged token, the dead letters read through the API
 *       and through {@code neo-events dlt show}, the lifecycle topics through {@code neo-events tail};</li>
 *   <li>every API call carries a bearer token obtained from the issuer with the client's secret.</li>
 * </ul>
 *
 * Then: every record of every topic (all partitions, keys, values, headers, internal topics, read_uncommitted),
 * every line written to stdout/stderr (every log line of every component), every HTTP response and every CLI output.
 * No plaintext password, client secret or token anywhere; a sealed value only on the topics of
 * {@link SealedValueTopics}.
 */
class SecretSweepE2EIT {

  private static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();
  /** A sealed value: the prefix and more than a schema's description of the format ({@code neo-enc:v1:[A-…}). */
  private static final Pattern SEALED = Pattern.compile("neo-enc:[A-Za-z0-9_.:+/=\\-]{12,}");
  private static final String CLIENT_ID = "neo-admin";
  private static final String CLIENT_SECRET = "neo-admin-secret";

  private static CapturedOutput output;
  private static Path dataDir;
  private static DevStack stack;
  private static RecordingApi api;
  private static final List<TestDatabase> databases = new ArrayList<>();
  private static final List<String> cliOutputs = new ArrayList<>();

  private static String token;
  private static final String gatewayPassword = secret("gw");
  private static final String libraryPassword = secret("lib");
  private static final String deadLetteredPlainPassword = secret("dlt-plain");
  private static final String deadLetteredSealedPassword = secret("dlt-sealed");
  private static final String refusedRequestPassword = secret("refused");
  private static String deadLetteredSealedValue;

  private static String gatewayExecution;
  private static String libraryExecution;
  private static final List<JsonNode> shownDeadLetters = new ArrayList<>();
  private static List<BrokerSweep.SweptRecord> broker;
  private static String logs;

  @BeforeAll
  static void runTheScenarioAndSweep() throws Exception {
    output = new CapturedOutput();
    dataDir = Files.createTempDirectory("neo-secret-sweep");
    DevStackSettings settings = new DevStackSettings(dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(),
        FreePorts.next(), FreePorts.next(), "classpath:e2e-bundle", false, "127.0.0.1", POSTGRES.port(),
        FreePorts.next(), List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 3, FreePorts.next());
    stack = DevStack.start(settings);
    // More lines to search than the dev stack writes by default: every request's audit line, the platform's debug.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("neo.audit")).setLevel(Level.INFO);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.neoinfra")).setLevel(Level.DEBUG);
    api = new RecordingApi(settings.gatewayUrl());
    token = clientCredentialsToken();
    String bootstrap = "127.0.0.1:" + settings.kafkaPort();
    Topics topics = Topics.withDefaultPrefix();
    // What every producer holds: the public keyset the dev stack wrote (it seals, it cannot open).
    PublicKeyset keys = PublicKeyset.read(dataDir.resolve("credentials-public.json"));

    // a database through the gateway, auto-migrated
    TestDatabase viaGateway = database("sweep_gw");
    RecordingApi.Answer created = api.post("/api/v1/databases/connections", """
        {"database_id": "sweep-gw", "database_name": "%s", "connection_type": "dedicated", "host": "127.0.0.1",
         "port": %d, "username": "%s", "password": "%s"}""".formatted(viaGateway.databaseName(), viaGateway.port(),
        viaGateway.username(), gatewayPassword), token);
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    // a database through the library, auto-migrated
    TestDatabase viaLibrary = database("sweep_lib");
    try (LifecycleEventPublisher publisher = LifecycleEventPublisher.configure().bootstrapServers(bootstrap)
        .source(URI.create("/secret-sweep")).publicKeyset(keys).load()) {
      publisher.databaseCreated(new DatabaseConnection("sweep-lib", viaLibrary.databaseName(),
          ConnectionType.DEDICATED, null, Engine.POSTGRESQL, "127.0.0.1", viaLibrary.port(), viaLibrary.username(),
          libraryPassword, true, 60, null), Priority.HIGH).get(60, TimeUnit.SECONDS);
    }

    // two events the processor refuses: a plaintext password, and a sealed one on an event that breaks its schema
    deadLetteredSealedValue = new CredentialSealer(keys).seal(deadLetteredSealedPassword).ciphertext();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      producer.send(cloudEvent(topics, "sweep-dlt-plain", """
          {"database_id": "sweep-dlt-plain", "database_name": "app", "connection_type": "dedicated",
           "username": "app", "password": "%s"}""".formatted(deadLetteredPlainPassword))).get(30, TimeUnit.SECONDS);
      producer.send(cloudEvent(topics, "sweep-dlt-sealed", """
          {"database_id": "sweep-dlt-sealed", "database_name": "app", "connection_type": "no-such-type",
           "username": "app", "password": "%s"}""".formatted(deadLetteredSealedValue))).get(30, TimeUnit.SECONDS);
    }

    // a request the gateway refuses, with a password in it; a forged token
    RecordingApi.Answer refused = api.post("/api/v1/databases/connections", """
        {"database_id": "sweep-refused", "connection_type": "dedicated", "username": "app", "password": "%s"}"""
        .formatted(refusedRequestPassword), token);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(api.get("/api/v1/migrations/status", token + "x").status()).isEqualTo(401);

    gatewayExecution = awaitCompletedExecutionOf("sweep-gw");
    libraryExecution = awaitCompletedExecutionOf("sweep-lib");

    // the dead letters, through the API and through the CLI
    for (String key : List.of("sweep-dlt-plain", "sweep-dlt-sealed")) {
      JsonNode listed = await("dead letter " + key).atMost(Duration.ofSeconds(60)).until(
          () -> deadLetterListed(key), Optional::isPresent).orElseThrow();
      String id = listed.get("partition").asInt() + "-" + listed.get("offset").asLong();
      RecordingApi.Answer shown = api.get("/api/v1/deadletters/" + id, token);
      assertThat(shown.status()).as(shown.body()).isEqualTo(200);
      shownDeadLetters.add(shown.json());
      cliOutputs.add(cli("dlt", "show", "--bootstrap-server", bootstrap, "--partition",
          listed.get("partition").asText(), "--offset", listed.get("offset").asText(), "--json"));
    }
    cliOutputs.add(cli("dlt", "list", "--bootstrap-server", bootstrap, "--json"));
    cliOutputs.add(cli("tail", "--bootstrap-server", bootstrap, "--from-beginning", "--timeout-ms", "3000"));

    broker = BrokerSweep.everything(bootstrap);
    logs = output.text();
  }

  @AfterAll
  static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
    if (output != null) {
      output.close();
    }
    databases.forEach(TestDatabase::close);
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theScenarioMigratedBothDatabasesAndDeadLetteredBothRefusedEvents() {
    assertThat(gatewayExecution).isNotBlank();
    assertThat(libraryExecution).isNotBlank();
    assertThat(shownDeadLetters).extracting(d -> d.path("error_class").asText())
        .containsOnly("schema_violation");
    assertThat(shownDeadLetters).allSatisfy(d ->
        assertThat(d.path("value").path("password").asText()).isEqualTo(RedactionPolicy.REDACTED));
  }

  @Test
  void theSweepSawSealedValuesWhereTheyBelong() {
    // Proof that the sweep reads what it should: the sealed passwords of both registrations are on the topics.
    assertThat(broker).anySatisfy(r -> assertThat(r.text()).containsPattern(SEALED));
    assertThat(broker).extracting(BrokerSweep.SweptRecord::topic).contains(Topics.withDefaultPrefix().deadLetters());
  }

  @Test
  void noTopicCarriesAPlaintextPasswordTheClientSecretOrAToken() {
    // The one exception is the test's own input: the foreign publisher's record on the lifecycle topic, as it sent it.
    Topics topics = Topics.withDefaultPrefix();
    List<BrokerSweep.SweptRecord> written = broker.stream().filter(r -> !(topics.lifecycleAll().contains(r.topic())
        && r.text().startsWith("key=sweep-dlt-plain\n"))).toList();
    assertThat(written).hasSizeLessThan(broker.size());
    for (BrokerSweep.SweptRecord record : written) {
      for (String secret : plaintextSecrets()) {
        assertThat(record.text()).as("%s-%d@%d", record.topic(), record.partition(), record.offset())
            .doesNotContain(secret);
      }
    }
  }

  @Test
  void sealedValuesAreOnlyOnTheTopicsWhoseContractTheyAre() {
    SealedValueTopics allowed = new SealedValueTopics(Topics.withDefaultPrefix(), "neo-migration-processor");
    assertThat(broker).filteredOn(r -> !allowed.mayCarrySealedValues(r.topic()))
        .allSatisfy(r -> assertThat(r.text()).as("%s-%d@%d", r.topic(), r.partition(), r.offset())
            .doesNotContainPattern(SEALED));
  }

  @Test
  void noLogLineCarriesAPasswordASealedValueOrAToken() {
    assertThat(logs).as("the capture holds the services' log lines").contains("audit at=")
        .contains("processor state");
    assertNoSecret("logs", logs);
  }

  @Test
  void noHttpResponseCarriesAPasswordASealedValueOrAToken() {
    assertThat(api.received()).hasSizeGreaterThan(5);
    api.received().forEach(response -> assertNoSecret("response", response));
  }

  @Test
  void noCliOutputCarriesAPasswordASealedValueOrAToken() {
    assertThat(String.join("\n", cliOutputs)).contains("sweep-dlt-plain").contains("sweep-lib");
    cliOutputs.forEach(out -> assertNoSecret("neo-events output", out));
  }

  // --- what is secret ----------------------------------------------------------------------------------------------

  private static List<String> plaintextSecrets() {
    return List.of(gatewayPassword, libraryPassword, deadLetteredPlainPassword, deadLetteredSealedPassword,
        refusedRequestPassword, CLIENT_SECRET, token);
  }

  /** No plaintext secret, no token, and no sealed value at all: neither one of ours nor any other. */
  private static void assertNoSecret(String where, String text) {
    for (String secret : plaintextSecrets()) {
      assertThat(text).as(where).doesNotContain(secret);
    }
    Matcher sealed = SEALED.matcher(text);
    if (sealed.find()) {
      throw new AssertionError(where + " shows a sealed value: …" + excerpt(text, sealed) + "…");
    }
    assertThat(text).as(where).doesNotContain(deadLetteredSealedValue);
  }

  private static String excerpt(String text, Matcher at) {
    int start = Math.max(0, at.start() - 120);
    return text.substring(start, Math.min(text.length(), at.end() + 40));
  }

  private static String secret(String what) {
    byte[] random = new byte[8];
    new java.security.SecureRandom().nextBytes(random);
    return "Sweep-" + what + "-" + HexFormat.of().formatHex(random);
  }

  // --- steps -------------------------------------------------------------------------------------------------------

  private static TestDatabase database(String prefix) {
    TestDatabase db = POSTGRES.createDatabase(prefix);
    databases.add(db);
    return db;
  }

  /** A token the way a service gets one: the client-credentials grant, with the client's secret. */
  private static String clientCredentialsToken() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(stack.issuer().tokenUri()))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).get("access_token").asText();
  }

  private static ProducerRecord<String, byte[]> cloudEvent(Topics topics, String key, String json) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.lifecycle(Priority.NORMAL), key,
        json.getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_specversion", bytes("1.0"));
    record.headers().add("ce_id", bytes(UUID.randomUUID().toString()));
    record.headers().add("ce_type", bytes("io.neoinfra.database.created"));
    record.headers().add("ce_source", bytes("/secret-sweep"));
    record.headers().add("content-type", bytes("application/json"));
    return record;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String awaitCompletedExecutionOf(String databaseId) {
    return await("execution of " + databaseId).atMost(Duration.ofSeconds(90)).until(() -> {
      for (JsonNode summary : api.get("/api/v1/migrations/executions?limit=100", token).json().path("executions")) {
        JsonNode execution = api.get("/api/v1/migrations/executions/" + summary.get("id").asText(), token).json();
        for (JsonNode target : execution.path("targets")) {
          if (databaseId.equals(target.path("database_id").asText())
              && "COMPLETED".equals(execution.path("status").asText())) {
            return summary.get("id").asText();
          }
        }
      }
      return null;
    }, id -> id != null);
  }

  private static Optional<JsonNode> deadLetterListed(String key) {
    for (JsonNode letter : api.get("/api/v1/deadletters", token).json().path("dead_letters")) {
      if (key.equals(letter.path("key").asText())) {
        return Optional.of(letter);
      }
    }
    return Optional.empty();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    picocli.CommandLine command = NeoEventsCli.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(out, true));
    int exitCode = command.execute(args);
    assertThat(exitCode).as(out.toString()).isZero();
    return out.toString();
  }
}
