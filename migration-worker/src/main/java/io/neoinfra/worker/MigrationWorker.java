package io.neoinfra.worker;

import io.neoinfra.schemas.crypto.CredentialOpener;
import io.neoinfra.schemas.ops.HealthServer;
import io.neoinfra.schemas.serde.Contracts;
import io.neoinfra.worker.connections.HostCircuitBreakers;
import io.neoinfra.worker.connections.TargetDataSources;
import io.neoinfra.worker.connections.TargetPools;
import io.neoinfra.worker.connections.TlsDriverProperties;
import io.neoinfra.worker.credentials.SecretReferences;
import io.neoinfra.worker.credentials.TargetPasswords;
import io.neoinfra.worker.execution.TaskRecordHandler;
import io.neoinfra.worker.execution.TaskRunner;
import io.neoinfra.worker.failure.FailureClassifier;
import io.neoinfra.worker.flyway.FlywayRunner;
import io.neoinfra.worker.flyway.MigrationBundle;
import io.neoinfra.worker.health.HealthProbe;
import io.neoinfra.worker.health.HealthResponder;
import io.neoinfra.worker.priority.PriorityTaskConsumer;
import io.neoinfra.worker.reporting.DeadLetterPublisher;
import io.neoinfra.worker.reporting.ResultPublisher;
import io.neoinfra.worker.reporting.WorkerMetrics;
import io.neoinfra.worker.rollback.UndoRunner;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker: {@code MigrationWorker.start(settings)} connects and consumes at once; {@link #close()} stops
 * gracefully (finishes running tasks within the shutdown grace, cancels the rest as {@code worker_shutdown}, hands
 * back buffered ones). Usable in-process by other modules' tests and the dev stack.
 */
public final class MigrationWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MigrationWorker.class);

  private final WorkerSettings settings;
  private final WorkerMetrics metrics;
  private final KafkaProducer<String, byte[]> producer;
  private final TargetPools pools;
  private final HostCircuitBreakers breakers;
  private final TaskRunner runner;
  private final PriorityTaskConsumer consumer;
  private final HealthResponder healthChecks;
  private final HealthServer http;
  private boolean closed;

  private MigrationWorker(WorkerSettings settings, ClassLoader classLoader, Clock clock) {
    this.settings = settings;
    this.metrics = new WorkerMetrics();
    Contracts contracts = new Contracts();
    this.producer = new KafkaProducer<>(producerProps(settings));
    ResultPublisher results = new ResultPublisher(producer, settings.topics().results(), contracts.results());
    DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, settings.topics().deadLetters(), clock);
    this.pools = new TargetPools(new TargetPools.PoolSettings(settings.poolMaxSize(), settings.poolIdleTimeout(),
        settings.connectionTimeout(), settings.connectionBudget()),
        new TargetDataSources(settings.targetAccess(), settings.connectionTimeout()),
        new TlsDriverProperties(settings.trustBundles(), settings.defaultTlsMode()), metrics.registry(), clock);
    this.breakers = new HostCircuitBreakers(settings.circuit());
    metrics.watch(breakers.registry());
    FlywayRunner flyway = new FlywayRunner(classLoader, settings.postgresDirectMigrate());
    TargetPasswords passwords = new TargetPasswords(settings.credentials().privateKeyset().map(CredentialOpener::new),
        SecretReferences.ofProcess(settings.credentials().secretsDirectory(), settings.credentials().secretEnvPrefix()));
    this.runner = new TaskRunner(new TaskRunner.Dependencies(
        new MigrationBundle(settings.bundleLocation(), classLoader), flyway, new UndoRunner(flyway), pools,
        settings.targetAccess().policy(), breakers, passwords, results, metrics, new FailureClassifier()),
        settings.defaultTimeout(), settings.cancelGrace(), settings.workerId(), clock);
    TaskRecordHandler handler = new TaskRecordHandler(contracts.tasks().codec(), contracts.mapper(), runner, results,
        deadLetters, metrics, settings.workerId(), clock);
    this.consumer = new PriorityTaskConsumer(new KafkaConsumer<>(consumerProps(settings)), settings.topics(),
        settings.concurrency(), handler::handle);
    this.healthChecks = !settings.health().enabled() ? null : new HealthResponder(new HealthResponder.Dependencies(
        new KafkaConsumer<>(healthConsumerProps(settings)), producer, contracts.healthRequests().codec(),
        contracts.healthResults().codec(), passwords, new HealthProbe(settings.targetAccess(),
        new TlsDriverProperties(settings.trustBundles(), settings.defaultTlsMode())),
        deadLetters), settings.topics().healthRequests(), settings.topics().healthResults(),
        settings.health().concurrency(), settings.health().timeout(), settings.workerId(), clock);
    this.http = settings.metricsPort() < 0 ? null
        : new HealthServer("worker", settings.metricsPort(), consumer::alive, metrics::scrape);
  }

  /** Starts a worker with these settings; the bundle is looked up with this class's class loader. */
  public static MigrationWorker start(WorkerSettings settings) {
    return start(settings, MigrationWorker.class.getClassLoader(), Clock.systemUTC());
  }

  public static MigrationWorker start(WorkerSettings settings, ClassLoader classLoader, Clock clock) {
    MigrationWorker worker = new MigrationWorker(settings, classLoader, clock);
    worker.consumer.start();
    if (worker.healthChecks != null) {
      worker.healthChecks.start();
      log.info("worker {} answers health checks on {} in group {}, {} at once", settings.workerId(),
          settings.topics().healthRequests(), settings.health().groupId(), settings.health().concurrency());
    }
    log.info("worker {} consuming {} with {} slots, bundle {}", settings.workerId(), settings.topics().tasksAll(),
        settings.concurrency(), settings.bundleLocation());
    return worker;
  }

  public WorkerSettings settings() {
    return settings;
  }

  /** The port of {@code /health} and {@code /metrics}, or -1 when disabled. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public boolean healthy() {
    return consumer.alive();
  }

  /** Prometheus text of the worker's meters. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  public HostCircuitBreakers circuitBreakers() {
    return breakers;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (healthChecks != null) {
      healthChecks.close();
    }
    consumer.stopFetching();
    try {
      if (!consumer.awaitIdle(settings.shutdownGrace())) {
        log.info("tasks still running after {}; cancelling them", settings.shutdownGrace());
        runner.cancelRunning();
        consumer.awaitIdle(settings.cancelGrace().plusSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    runner.close();
    producer.close(java.time.Duration.ofSeconds(10));
    pools.close();
    if (http != null) {
      http.close();
    }
  }

  private static Map<String, Object> producerProps(WorkerSettings settings) {
    Map<String, Object> props = settings.kafka().clientProperties();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-results");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  /**
   * The health requests' consumer: a group of its own, so that a check is never queued behind migrations. Requests
   * live a minute and a worker drops expired ones, so reading from the earliest retained offset costs nothing and
   * answers a request sent while this worker was joining.
   */
  private static Map<String, Object> healthConsumerProps(WorkerSettings settings) {
    Map<String, Object> props = settings.kafka().clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.health().groupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-health");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, settings.health().concurrency()));
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  private static Map<String, Object> consumerProps(WorkerSettings settings) {
    Map<String, Object> props = settings.kafka().clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-tasks");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Only a few records fit the buffer at a time; fetching hundreds just to seek back would waste work.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(8, settings.concurrency() * 2));
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }
}
