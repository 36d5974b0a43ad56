package io.neoinfra.bench.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationOperation;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.schemas.tasks.TaskFailed;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.tasks.TaskSucceeded;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import io.neoinfra.worker.MigrationWorker;
import io.neoinfra.worker.WorkerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;

/**
 * 1,000 tenant schemas × 5 migrations on the local PostgreSQL, three ways, in one run: (1) a plain sequential loop of
 * stock Flyway {@code migrate} calls in one JVM (one reused data source, classpath location, as an application would
 * write it); (2) through the worker (tasks on the embedded broker, results read back); (3) the same SQL over plain
 * JDBC at the worker's parallelism, without Flyway (the floor). Each way gets its own database with fresh schemas.
 *
 * <p>Arguments: {@code [targets=1000] [concurrency=8] [repoRoot=.]}.
 */
public final class FleetBenchmark {

  private static final String BUNDLE = "bench/fleet-bundle";
  private static final List<String> SCRIPTS = List.of("V1__customers.sql", "V2__orders.sql",
      "V3__seed_customers.sql", "V4__customer_email.sql", "V5__order_summary.sql");
  private static final int WARM_UP = 20;

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path repoRoot = Path.of(args.length > 2 ? args[2] : ".").toAbsolutePath().normalize();
    LocalDatabaseServer pg = LocalDatabaseServer.postgres();
    KafkaTestBroker broker = KafkaTestBroker.shared();

    // Warm every path up on a few schemas of their own (JIT, drivers, Flyway classes), then measure.
    try (TestDatabase warm = pg.createDatabase("neo_fleet_warm")) {
      sequentialFlyway(warm, createSchemas(warm, "a", WARM_UP));
      jdbcFloor(warm, createSchemas(warm, "c", WARM_UP), concurrency);
      throughWorker(broker, warm, createSchemas(warm, "b", WARM_UP), concurrency);
    }
    long flywayMs;
    long workerMs;
    long jdbcMs;
    try (TestDatabase loopDb = pg.createDatabase("neo_fleet_loop");
        TestDatabase workerDb = pg.createDatabase("neo_fleet_worker");
        TestDatabase jdbcDb = pg.createDatabase("neo_fleet_jdbc")) {
      List<String> loopSchemas = createSchemas(loopDb, "tenant", targets);
      List<String> workerSchemas = createSchemas(workerDb, "tenant", targets);
      List<String> jdbcSchemas = createSchemas(jdbcDb, "tenant", targets);

      workerMs = throughWorker(broker, workerDb, workerSchemas, concurrency);
      System.out.printf("worker: %d targets in %d ms%n", targets, workerMs);
      jdbcMs = jdbcFloor(jdbcDb, jdbcSchemas, concurrency);
      System.out.printf("jdbc floor: %d targets in %d ms%n", targets, jdbcMs);
      flywayMs = sequentialFlyway(loopDb, loopSchemas);
      System.out.printf("sequential flyway: %d targets in %d ms%n", targets, flywayMs);
    }
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("targets", targets);
    metrics.put("migrations_per_target", SCRIPTS.size());
    metrics.put("concurrency", concurrency);
    metrics.put("sequential_flyway_ms", flywayMs);
    metrics.put("worker_ms", workerMs);
    metrics.put("jdbc_floor_ms", jdbcMs);
    metrics.put("speedup_vs_sequential_flyway", (double) flywayMs / workerMs);
    metrics.put("slowdown_vs_jdbc_floor", (double) workerMs / jdbcMs);
    metrics.put("load_average_at_end", loadAverage());
    BenchmarkReport.of("fleet-worker", "java -cp <bench classpath> " + FleetBenchmark.class.getName() + " "
        + targets + " " + concurrency, metrics).publish(repoRoot);
    System.exit(0); // the embedded broker's threads are not daemons
  }

  /** {@code count} empty schemas {@code <prefix>_<i>} in {@code db}, created in one batch. */
  public static List<String> createSchemas(TestDatabase db, String prefix, int count) throws SQLException {
    List<String> schemas = IntStream.range(0, count).mapToObj(i -> prefix + "_" + i).toList();
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.addBatch("CREATE SCHEMA " + schema);
      }
      s.executeBatch();
    }
    return schemas;
  }

  /** What an application would write: one data source, stock Flyway configured and loaded per schema. */
  public static long sequentialFlyway(TestDatabase db, List<String> schemas) {
    try (HikariDataSource dataSource = pool(db, 2)) {
      long started = System.nanoTime();
      for (String schema : schemas) {
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:" + BUNDLE + "/tenant")
            .load().migrate();
      }
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  /** The same SQL, no Flyway: per schema, each script in its own transaction, N schemas at a time. */
  public static long jdbcFloor(TestDatabase db, List<String> schemas, int concurrency) throws Exception {
    List<String> scripts = new ArrayList<>();
    for (String name : SCRIPTS) {
      scripts.add(read(BUNDLE + "/tenant/" + name));
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try (HikariDataSource dataSource = pool(db, concurrency)) {
      long started = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (String schema : schemas) {
        futures.add(pool.submit(() -> {
          try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL search_path TO " + schema);
            for (String script : scripts) {
              for (String statement : script.split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                  s.execute(statement);
                }
              }
              c.commit();
              s.execute("SET LOCAL search_path TO " + schema);
            }
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      return (System.nanoTime() - started) / 1_000_000;
    } finally {
      pool.shutdownNow();
    }
  }

  /** From the first task published to the last TaskSucceeded read back from the results topic. */
  static long throughWorker(KafkaTestBroker broker, TestDatabase db, List<String> schemas, int concurrency)
      throws Exception {
    Topics topics = new Topics("bench" + UUID.randomUUID().toString().substring(0, 8) + ".");
    List<String> all = new ArrayList<>(topics.tasksAll());
    all.add(topics.results());
    all.add(topics.deadLetters());
    all.add(topics.healthRequests());
    all.add(topics.healthResults());
    broker.createTopics(4, all.toArray(String[]::new));
    Contracts contracts = new Contracts();
    WorkerSettings settings = WorkerSettings.builder(broker.bootstrapServers())
        .topicPrefix(topics.prefix())
        .groupId("bench-" + UUID.randomUUID())
        .bundleLocation("classpath:" + BUNDLE)
        .concurrency(concurrency)
        .metricsPort(-1)
        .build();
    Set<String> done = ConcurrentHashMap.newKeySet();
    Set<String> failed = ConcurrentHashMap.newKeySet();
    try (MigrationWorker worker = MigrationWorker.start(settings);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.producerProps());
        KafkaConsumer<String, byte[]> results = new KafkaConsumer<>(broker.consumerProps("bench-results-"
            + UUID.randomUUID()), new StringDeserializer(), new ByteArrayDeserializer())) {
      results.subscribe(List.of(topics.results()));
      results.poll(Duration.ofSeconds(2)); // join the group before the clock starts
      String execution = "bench-" + UUID.randomUUID();
      long started = System.nanoTime();
      for (String schema : schemas) {
        TargetConnection connection = new TargetConnection(Engine.POSTGRESQL, db.host(), db.port(), db.databaseName(),
            schema, db.username(), null);
        MigrationTask task = new MigrationTask("t-" + schema, execution, db.databaseName() + "." + schema,
            db.databaseName(), MigrationOperation.MIGRATE, Scope.TENANT, connection, null, List.of(), false, 300,
            Priority.NORMAL, 1, Instant.now());
        producer.send(new ProducerRecord<>(topics.tasks(Priority.NORMAL), task.targetId(),
            contracts.tasks().serializer().serialize("", task)));
      }
      producer.flush();
      while (done.size() + failed.size() < schemas.size()) {
        for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(100))) {
          if (contracts.results().codec().read(record.value()) instanceof Decoded.Valid<TaskResult> valid) {
            if (valid.value() instanceof TaskSucceeded s && "5".equals(s.versionAfter())) {
              done.add(s.taskId());
            } else if (valid.value() instanceof TaskFailed f) {
              failed.add(f.taskId());
              System.err.println("task failed: " + f.error());
            }
          }
        }
      }
      long took = (System.nanoTime() - started) / 1_000_000;
      if (!failed.isEmpty()) {
        throw new IllegalStateException(failed.size() + " tasks failed");
      }
      return took;
    }
  }

  private static HikariDataSource pool(TestDatabase db, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.username());
    config.setPassword(db.password());
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = FleetBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
