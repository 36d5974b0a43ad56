package io.neoinfra.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.neoinfra.processor.errors.ErrorHandlers;
import io.neoinfra.processor.metrics.ProcessorMetrics;
import io.neoinfra.schemas.ops.HealthServer;
import io.neoinfra.schemas.serde.Contracts;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor running in this JVM: {@link #start(ProcessorSettings)} creates the topics, builds the topology and
 * starts Kafka Streams with exactly-once v2; {@link #close()} stops it. Tests and the dev stack use this directly;
 * {@link ProcessorMain} wraps it for a separate process.
 */
public final class MigrationProcessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MigrationProcessor.class);

  private final KafkaStreams streams;
  private final ProcessorMetrics metrics;
  private final KafkaStreamsMetrics streamsMetrics;
  private final List<AutoCloseable> endpoints = new CopyOnWriteArrayList<>();
  private final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
  private final AtomicInteger threadFailures = new AtomicInteger();

  private MigrationProcessor(KafkaStreams streams, ProcessorMetrics metrics) {
    this.streams = streams;
    this.metrics = metrics;
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
  }

  public static MigrationProcessor start(ProcessorSettings settings) {
    return start(settings, new SimpleMeterRegistry());
  }

  /** Starts the processor, reporting its metrics (and Kafka Streams' own, consumer lag included) to {@code registry}. */
  public static MigrationProcessor start(ProcessorSettings settings, MeterRegistry registry) {
    settings.validate();
    TopicSetup.ensure(settings);
    ProcessorMetrics metrics = new ProcessorMetrics(registry);
    Topology topology = ProcessorTopology.build(settings, new Contracts(), metrics);
    KafkaStreams streams = new KafkaStreams(topology, streamsProperties(settings, metrics));
    MigrationProcessor processor = new MigrationProcessor(streams, metrics);
    streams.setStateListener((now, before) -> {
      processor.states.add(now);
      LOG.info("processor state {} -> {}", before, now);
    });
    streams.setUncaughtExceptionHandler(e -> {
      // Reached only by errors outside any record (the handlers take those): keep the instance alive.
      processor.threadFailures.incrementAndGet();
      LOG.error("stream thread died; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    processor.streamsMetrics.bindTo(registry);
    streams.start();
    return processor;
  }

  /**
   * Starts the processor as a service: its meters, Kafka Streams' and the JVM's (memory, GC, threads, CPU, uptime) in
   * a Prometheus registry, served with {@code /health} on {@link ProcessorSettings#metricsPort()} unless that is -1.
   * {@link #start(ProcessorSettings)} serves nothing, so that tests and embedders never compete for a port.
   */
  public static MigrationProcessor startServing(ProcessorSettings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmGcMetrics gc = new JvmGcMetrics();
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    MigrationProcessor processor = start(settings, registry);
    processor.endpoints.add(gc);
    if (settings.metricsPort() >= 0) {
      try {
        processor.endpoints.add(0, new HealthServer("processor", settings.metricsPort(), processor::healthy,
            registry::scrape));
      } catch (RuntimeException e) {
        processor.close();
        throw e;
      }
    }
    return processor;
  }

  /** Up while Kafka Streams runs or rebalances; down once it stopped, failed, or is shutting down. */
  public boolean healthy() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  /** The port of {@code /health} and {@code /metrics}, when {@link #startServing} opened one. */
  public java.util.OptionalInt metricsPort() {
    return endpoints.stream().filter(HealthServer.class::isInstance).mapToInt(e -> ((HealthServer) e).port())
        .findFirst();
  }

  /** The Kafka Streams configuration of these settings. */
  /** {@code main.consumer.max.poll.records} unless {@code streams.*} overrides it. */
  static final int MAIN_POLL_RECORDS = 100;
  /** {@code main.consumer.max.partition.fetch.bytes} unless {@code streams.*} overrides it. */
  static final int MAIN_PARTITION_FETCH_BYTES = 64 * 1024;

  public static Properties streamsProperties(ProcessorSettings settings, ProcessorMetrics metrics) {
    Properties props = new Properties();
    props.putAll(settings.kafka().clientProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
    // -1: internal topics (changelogs) take the broker's default replication factor, like the topics we create.
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    // Records of different partitions need no time alignment here (commands and results are independent), so a
    // task must never idle waiting for data on an empty partition: -1 processes whatever is buffered at once.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), TopicSetup.MAX_VIEW_BYTES);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Small fetches and polls: a consumer hands out fetched data in the order it arrived, so with Kafka's defaults
    // (1 MiB per partition, 1,000 records a poll) a critical record waits until a megabyte of buffered low-priority
    // events or results has been processed before PriorityOrder can put it first.
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), MAIN_POLL_RECORDS);
    props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
        MAIN_PARTITION_FETCH_BYTES);
    ErrorHandlers.configure(props, metrics);
    props.putAll(settings.streamsOverrides());
    return props;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Every state the instance went through, in order. */
  public List<KafkaStreams.State> stateHistory() {
    return List.copyOf(states);
  }

  /** How many stream threads died and were replaced. */
  public int threadFailures() {
    return threadFailures.get();
  }

  public ProcessorMetrics metrics() {
    return metrics;
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    for (AutoCloseable endpoint : endpoints) {
      try {
        endpoint.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", endpoint, e);
      }
    }
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
  }
}
