package io.neoinfra.devstack.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka node (combined broker and KRaft controller) in this JVM, with its data in a directory that
 * survives restarts: the first start formats the storage, later starts resume from it. Listens on loopback only.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final int NODE_ID = 1;

  private final LocalKafkaSettings settings;
  private final KafkaRaftServer server;

  private LocalKafkaBroker(LocalKafkaSettings settings, KafkaRaftServer server) {
    this.settings = settings;
    this.server = server;
  }

  /** Formats the data directory if it is new, then starts the node and returns once it accepts connections. */
  public static LocalKafkaBroker start(LocalKafkaSettings settings) {
    Path logDir = settings.dataDir().toAbsolutePath();
    Properties props = serverProperties(settings, logDir);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(logDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data directory " + logDir, e);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    return new LocalKafkaBroker(settings, server);
  }

  private static Properties serverProperties(LocalKafkaSettings settings, Path logDir) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + settings.controllerPort());
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + settings.brokerPort() + ",CONTROLLER://127.0.0.1:" + settings.controllerPort());
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + settings.brokerPort());
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    // One node: internal topics cannot ask for more replicas than exist, or exactly-once and groups would hang.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "3");
    props.put("auto.create.topics.enable", "false");
    // A laptop, not a data centre: small segments and indexes keep the data directory small.
    props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    props.put("log.retention.hours", "168");
    return props;
  }

  private static void format(Path logDir) throws IOException {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + settings.brokerPort();
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
