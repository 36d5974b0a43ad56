package io.neoinfra.bench.gateway;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.gateway.GatewayApplication;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionKind;
import io.neoinfra.schemas.executions.ExecutionMetadata;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.tasks.AppliedScript;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Read throughput and latency of the running gateway under wrk (from the OS packages): an embedded KRaft broker, the
 * gateway started in-process on a free port, its view filled with {@code executions} execution views over {@code
 * databases} registered databases, a real JWT from an in-process OIDC issuer, then wrk with 100 connections on the
 * status and execution-by-id reads (alternating). Rate limits are raised far above the load (their cost is still
 * paid on every request). A warm-up run comes first; the measured run is reported.
 *
 * <p>Arguments: {@code [seconds=20] [connections=100] [threads=2]}.
 */
public final class GatewayReadBenchmark {

  private static final int EXECUTIONS = 1_000;
  private static final int DATABASES = 200;
  private static final Pattern RESULT = Pattern.compile(
      "RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) non2xx=(\\d+) errors=(\\d+)");

  private GatewayReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    // The bench classpath logs through slf4j-simple; Spring Boot must not try to take over logging with Logback.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");

    KafkaTestBroker kafka = KafkaTestBroker.shared();
    Topics topics = new Topics(KafkaTestBroker.uniqueName("bench-gw") + ".");
    kafka.createTopics(3, topics.lifecycleAll().toArray(String[]::new));
    kafka.createTopics(3, Map.of("cleanup.policy", "compact"), topics.databases(), topics.tenants(),
        topics.executions());
    kafka.createTopics(1, topics.deadLetters());
    List<String> ids = seed(kafka, topics);

    MockOAuth2Server oauth = new MockOAuth2Server();
    oauth.start();
    // The gateway is given the public half of a fresh worker keyset; nothing here seals or opens a password.
    Path publicKeyset = Files.createTempFile("bench-gateway-credentials-public", ".json");
    publicKeyset.toFile().deleteOnExit();
    PrivateKeyset.generate().publicKeyset().write(publicKeyset);
    Map<String, Object> props = new HashMap<>();
    props.put("server.port", "0");
    props.put("neo.kafka.bootstrap.servers", kafka.bootstrapServers());
    props.put("neo.gateway.kafka.topic-prefix", topics.prefix());
    props.put("neo.credential.public-keyset", publicKeyset.toString());
    props.put("neo.gateway.security.issuer-uri", oauth.issuerUrl("neo").toString());
    props.put("neo.gateway.security.jwk-set-uri", oauth.jwksUrl("neo").toString());
    props.put("neo.gateway.rate-limit.principal-capacity", "100000000");
    props.put("neo.gateway.rate-limit.principal-refill-per-second", "100000000");
    try (ConfigurableApplicationContext gateway = GatewayApplication.start(props)) {
      int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
      String base = "http://127.0.0.1:" + port;
      String token = oauth.issueToken("neo", "bench", "neo-gateway",
          Map.of("realm_access", Map.of("roles", List.of("migrations:read"))), 7200).serialize();
      awaitView(base, token, ids.get(ids.size() - 1));

      Path script = writeScript(token, ids);
      run(base, script, Math.max(5, seconds / 2), connections, threads); // warm-up: JIT, connection pools
      long cpuBefore = processCpuNanos();
      Map<String, Long> result = run(base, script, seconds, connections, threads);
      // CPU this JVM spent per request during the measured run: unlike requests/s and latency, it hardly depends on
      // what else loads the machine, so it compares two builds fairly on a shared machine (the embedded broker and
      // issuer are in this JVM too, but idle while wrk reads).
      double cpuMsPerRequest = (processCpuNanos() - cpuBefore) / 1_000_000.0 / Math.max(1, result.get("requests"));
      // One connection, one request at a time: the gateway's own service time, whatever else loads the CPU.
      Map<String, Long> single = run(base, script, 5, 1, 1);

      double rps = result.get("requests") / (result.get("duration_us") / 1_000_000.0);
      Map<String, Number> metrics = new LinkedHashMap<>();
      metrics.put("connections", connections);
      metrics.put("requests_per_second", rps);
      metrics.put("p50_ms", result.get("p50_us") / 1000.0);
      metrics.put("p99_ms", result.get("p99_us") / 1000.0);
      metrics.put("requests", result.get("requests"));
      metrics.put("non_2xx", result.get("non2xx"));
      metrics.put("socket_errors", result.get("errors"));
      metrics.put("executions_in_view", EXECUTIONS);
      metrics.put("process_cpu_ms_per_request", cpuMsPerRequest);
      metrics.put("single_connection_requests_per_second",
          single.get("requests") / (single.get("duration_us") / 1_000_000.0));
      metrics.put("single_connection_p50_ms", single.get("p50_us") / 1000.0);
      metrics.put("single_connection_p99_ms", single.get("p99_us") / 1000.0);
      metrics.put("load_average_1m", loadAverage());
      BenchmarkReport.of("gateway", "GatewayReadBenchmark " + seconds + " " + connections + " " + threads
          + " (wrk -t" + threads + " -c" + connections + " -d" + seconds + "s, status + execution reads)", metrics)
          .publish(repoRoot);
    } finally {
      oauth.shutdown();
    }
    System.exit(0);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  // The machine is shared: the figures mean little without the load they were taken under.
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static List<String> seed(KafkaTestBroker kafka, Topics topics) {
    Contracts contracts = new Contracts();
    List<String> ids = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
      for (int d = 0; d < DATABASES; d++) {
        String db = "db-" + d;
        var record = new DatabaseRecord(db, "app_" + d, d == 0 ? ConnectionType.ADMIN : ConnectionType.DEDICATED,
            "eu-west", Engine.POSTGRESQL, "127.0.0.1", 5432, "app", null, true, 300, null, Instant.now(),
            Instant.now());
        producer.send(new ProducerRecord<>(topics.databases(), db,
            contracts.databases().serializer().serialize(topics.databases(), record)));
      }
      for (int e = 0; e < EXECUTIONS; e++) {
        String id = "exec-bench-" + e;
        List<TargetState> targets = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
          String db = "db-" + ((e * 5 + t) % DATABASES);
          targets.add(new TargetState(db, db, null, TargetStatus.SUCCEEDED, 1, "1", "3",
              List.of(new AppliedScript("2", "V2__a.sql", 4), new AppliedScript("3", "V3__b.sql", 6)), List.of(),
              null, Instant.now()));
        }
        var view = new ExecutionView(id, ExecutionKind.MIGRATION, Scope.TENANT, MigrationOperation.MIGRATE,
            ExecutionStatus.COMPLETED, false, Priority.NORMAL, "3", null, Instant.now(), Instant.now(), Instant.now(),
            Map.of(TargetStatus.SUCCEEDED, 5), 100, targets, new ExecutionMetadata(TriggeredBy.API, null, null),
            "bench", null);
        producer.send(new ProducerRecord<>(topics.executions(), id,
            contracts.executions().serializer().serialize(topics.executions(), view)));
        ids.add(id);
      }
      producer.flush();
    }
    return ids;
  }

  private static void awaitView(String base, String token, String lastId) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(
          base + "/api/v1/migrations/executions/" + lastId)).header("Authorization", "Bearer " + token).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return;
      }
      Thread.sleep(200); // a benchmark runner, not a test: polling the gateway until its view is filled
    }
    throw new IllegalStateException("the gateway's view did not fill within 2 minutes");
  }

  private static Path writeScript(String token, List<String> ids) throws Exception {
    String template;
    try (InputStream in = GatewayReadBenchmark.class.getResourceAsStream("reads.lua")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String header = "TOKEN = \"" + token + "\"\nIDS = {" + ids.stream().map(i -> "\"" + i + "\"")
        .collect(Collectors.joining(",")) + "}\n";
    Path script = Files.createTempFile("gateway-reads", ".lua");
    script.toFile().deleteOnExit();
    Files.writeString(script, header + template);
    return script;
  }

  private static Map<String, Long> run(String base, Path script, int seconds, int connections, int threads)
      throws Exception {
    Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
        "-s", script.toString(), base).redirectErrorStream(true).start();
    Map<String, Long> result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println(line);
        Matcher m = RESULT.matcher(line);
        if (m.find()) {
          result = Map.of("requests", Long.parseLong(m.group(1)), "duration_us", Long.parseLong(m.group(2)),
              "p50_us", Long.parseLong(m.group(3)), "p99_us", Long.parseLong(m.group(4)),
              "non2xx", Long.parseLong(m.group(5)), "errors", Long.parseLong(m.group(6)));
        }
      }
    }
    if (wrk.waitFor() != 0 || result == null) {
      throw new IllegalStateException("wrk failed (is it installed? apt-get install wrk)");
    }
    return result;
  }
}
