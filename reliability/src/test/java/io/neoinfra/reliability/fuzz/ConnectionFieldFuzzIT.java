package io.neoinfra.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.harness.gateway.RenewingToken;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformObserver;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.harness.platform.RateLimit;
import io.neoinfra.harness.process.ServiceProcess;
import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.Priority;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile connection fields at volume ({@link ConnectionFieldFuzzer}), seeded like {@link FuzzIT} (the same build seed;
 * {@code -Dneo.reliability.seed=N|random}): registrations through the API are each refused with 422 problem+json
 * naming the field, registrations through events are each dead-lettered with a reason naming it, nothing answers 5xx,
 * no service dies, and no H2 {@code INIT} script ever runs (its marker file would appear). Counts:
 * {@code -Dneo.reliability.connection-fuzz-requests} and {@code -Dneo.reliability.connection-fuzz-events} (10,000
 * each by default).
 */
class ConnectionFieldFuzzIT {

  private static final int REQUESTS = Integer.getInteger("neo.reliability.connection-fuzz-requests", 10_000);
  private static final int EVENTS = Integer.getInteger("neo.reliability.connection-fuzz-events", 10_000);
  /** The reasons an event with a bad connection field may be dead-lettered with. */
  private static final Set<String> EVENT_REFUSALS = Set.of("invalid_connection", "schema_violation");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform platform;
  private static PlatformObserver observer;
  private static Path markers;
  private static long seed;

  @BeforeAll
  static void startPlatform() throws IOException {
    String configured = System.getProperty("neo.reliability.seed", String.valueOf(FuzzIT.BUILD_SEED));
    seed = "random".equals(configured) ? new SecureRandom().nextLong() : Long.parseLong(configured);
    System.out.println("connection fuzz seed: " + seed + " (repeat with -Dneo.reliability.seed=" + seed + ")");
    Path runDir = PlatformSettings.runDirectory("connection-fuzz");
    markers = Files.createDirectories(runDir.resolveSibling(runDir.getFileName() + "-h2-markers"));
    platform = Platform.start(PlatformSettings.forFaultInjection(runDir).withWorkers(1).withRateLimit(RateLimit.OFF));
    observer = new PlatformObserver(platform.bootstrapServers(), platform.topics());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (observer != null) {
      observer.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void everyHostileConnectionFieldSentToTheApiIsRefusedWith422NamingTheField() throws Exception {
    ConnectionFieldFuzzer fuzzer = new ConnectionFieldFuzzer(seed, "api", markers);
    List<ConnectionFieldFuzzer.Registration> registrations = fuzzer.registrations(REQUESTS);
    RenewingToken token = new RenewingToken(() -> platform.issuer().issueToken("neo-admin"), Duration.ofMinutes(5),
        Clock.systemUTC());
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> unclear = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> noAnswer = new ConcurrentLinkedQueue<>();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (ConnectionFieldFuzzer.Registration registration : registrations) {
      pool.submit(() -> {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                + "/api/v1/databases/connections")).timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(registration.body(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
          response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
          noAnswer.add(e.getClass().getSimpleName() + " " + registration.describe());
          return;
        }
        int status = response.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status >= 500) {
          serverErrors.add(status + " " + registration.describe());
        } else if (status == 201) {
          if (!registration.mayBeAccepted()) {
            accepted.add(registration.describe());
          }
        } else if (!(status == 422 && isProblemNaming(response, registration.field()))) {
          unclear.add(status + " " + response.body() + " for " + registration.describe());
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(20, TimeUnit.MINUTES)).isTrue();
    System.out.printf("connection fuzz (api): %d requests; statuses %s; accepted though hostile %d; unclear refusals"
        + " %d; no answer %d%n", registrations.size(), new TreeMap<>(statuses), accepted.size(), unclear.size(),
        noAnswer.size());
    Stream.of(accepted, unclear, noAnswer).forEach(q -> q.stream().limit(5).forEach(s -> System.out.println("  " + s)));

    assertThat(serverErrors).as("5xx answers").isEmpty();
    assertThat(noAnswer).as("requests without an answer").isEmpty();
    assertThat(platform.services()).allMatch(ServiceProcess::isAlive);
    assertThat(unclear).as("refusals that are not 422 problem+json naming the field").isEmpty();
    assertThat(accepted).as("hostile registrations accepted").isEmpty();
    assertThat(h2InitMarkers(fuzzer)).as("H2 INIT scripts that ran").isEmpty();
  }

  @Test
  void everyHostileConnectionFieldSentAsAnEventIsDeadLetteredWithItsReason() throws Exception {
    ConnectionFieldFuzzer fuzzer = new ConnectionFieldFuzzer(seed, "ev", markers);
    List<ConnectionFieldFuzzer.Registration> registrations = fuzzer.registrations(EVENTS);
    Map<String, ConnectionFieldFuzzer.Registration> byId = registrations.stream()
        .collect(Collectors.toMap(ConnectionFieldFuzzer.Registration::databaseId, Function.identity()));

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      for (ConnectionFieldFuzzer.Registration registration : registrations) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(platform.topics().lifecycle(Priority.NORMAL),
            registration.databaseId(), registration.body().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(UUID.nameUUIDFromBytes(bytes(registration.databaseId())).toString()));
        record.headers().add("ce_source", bytes("/reliability-connection-fuzz"));
        record.headers().add("ce_type", bytes("io.neoinfra.database.created"));
        record.headers().add("content-type", bytes("application/json"));
        producer.send(record);
      }
      producer.flush();
    }

    // Each one ends either dead-lettered or registered; wait for all of them, then judge.
    await("every fuzzed event dead-lettered or registered").atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2)).until(() -> registrations.stream().allMatch(
            r -> letters(fuzzer).containsKey(r.databaseId()) || observer.databaseRegistered(r.databaseId())));
    Map<String, PlatformObserver.DeadLetter> letters = letters(fuzzer);
    List<String> accepted = registrations.stream().filter(r -> !letters.containsKey(r.databaseId()))
        .filter(r -> !r.mayBeAccepted()).map(ConnectionFieldFuzzer.Registration::describe).toList();
    List<String> unclear = letters.values().stream().filter(l -> {
      ConnectionFieldFuzzer.Registration original = byId.get(l.key());
      String message = String.valueOf(l.header(DeadLetterHeaders.ERROR_MESSAGE));
      return !EVENT_REFUSALS.contains(l.header(DeadLetterHeaders.ERROR_CLASS))
          || !message.contains(original.field());
    }).map(l -> l.header(DeadLetterHeaders.ERROR_CLASS) + " " + l.header(DeadLetterHeaders.ERROR_MESSAGE) + " for "
        + byId.get(l.key()).describe()).toList();
    System.out.printf("connection fuzz (events): %d events; dead-lettered %d by class %s; accepted though hostile %d;"
        + " unclear reasons %d%n", registrations.size(), letters.size(), new TreeMap<>(letters.values().stream()
        .collect(Collectors.groupingBy(l -> String.valueOf(l.header(DeadLetterHeaders.ERROR_CLASS)),
            Collectors.counting()))), accepted.size(), unclear.size());
    Stream.of(accepted, unclear).forEach(q -> q.stream().limit(5).forEach(s -> System.out.println("  " + s)));

    assertThat(platform.services()).allMatch(ServiceProcess::isAlive);
    assertThat(unclear).as("dead letters without a reason naming the field").isEmpty();
    assertThat(accepted).as("hostile registrations accepted").isEmpty();
    assertThat(h2InitMarkers(fuzzer)).as("H2 INIT scripts that ran").isEmpty();
  }

  /** Whether the answer is RFC 9457 problem+json whose field errors name {@code field}. */
  private static boolean isProblemNaming(HttpResponse<String> response, String field) {
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
      return false;
    }
    try {
      JsonNode problem = JSON.readTree(response.body());
      for (JsonNode error : problem.path("errors")) {
        String named = error.path("field").asText();
        if (named.equals(field) || named.equals("$." + field) || named.endsWith("." + field)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static Map<String, PlatformObserver.DeadLetter> letters(ConnectionFieldFuzzer fuzzer) {
    return observer.deadLetters().stream().filter(l -> l.key() != null && l.key().startsWith(fuzzer.idPrefix()))
        .collect(Collectors.toMap(PlatformObserver.DeadLetter::key, Function.identity(), (a, b) -> a));
  }

  /** The marker files written by INIT scripts of this fuzzer's registrations (named by their database id). */
  private static List<Path> h2InitMarkers(ConnectionFieldFuzzer fuzzer) throws IOException {
    try (Stream<Path> files = Files.list(markers)) {
      return files.filter(f -> f.getFileName().toString().startsWith(fuzzer.idPrefix())).toList();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
