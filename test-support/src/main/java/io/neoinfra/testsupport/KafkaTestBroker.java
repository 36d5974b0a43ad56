package io.neoinfra.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Apache Kafka broker in KRaft mode, inside the test JVM, on a free port (spring-kafka-test's
 * {@link EmbeddedKafkaKraftBroker}). One broker serves every test of a JVM: it starts on first use and stops when the
 * JVM exits. Tests isolate themselves with unique topic and group names ({@link #uniqueName(String)}).
 *
 * <p>Where a Docker engine exists, {@code -Dneo.test.kafka.bootstrap=host:port} points the same tests at an external
 * broker (a Testcontainers Kafka, say) instead; the default is the embedded one.
 */
public final class KafkaTestBroker {

  private static final class Holder {
    static final KafkaTestBroker SHARED = start();
  }

  /**
   * What every test broker of this module sets, the secured one ({@link SecuredKafkaTestBroker}) too. A single
   * broker: internal topics (offsets, transactions) must not ask for more replicas than exist, or exactly-once
   * producers and consumer groups would wait forever.
   */
  static final Map<String, String> SINGLE_NODE_PROPERTIES = Map.of(
      "offsets.topic.replication.factor", "1",
      "transaction.state.log.replication.factor", "1",
      "transaction.state.log.min.isr", "1",
      "group.initial.rebalance.delay.ms", "0",
      "auto.create.topics.enable", "false",
      "message.max.bytes", String.valueOf(2 * 1024 * 1024));

  private final String bootstrapServers;

  private KafkaTestBroker(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The JVM's broker, started on first call. */
  public static KafkaTestBroker shared() {
    return Holder.SHARED;
  }

  private static KafkaTestBroker start() {
    String external = System.getProperty("neo.test.kafka.bootstrap");
    if (external != null && !external.isBlank()) {
      return new KafkaTestBroker(external);
    }
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
    SINGLE_NODE_PROPERTIES.forEach(broker::brokerProperty);
    broker.afterPropertiesSet();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-shutdown"));
    return new KafkaTestBroker(broker.getBrokersAsString());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** A name no other test of this JVM uses, for topics, groups and transactional ids. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates the topics (or leaves existing ones) with the given partitions and replication factor 1. */
  public void createTopics(int partitions, String... topics) {
    createTopics(partitions, Map.of(), topics);
  }

  public void createTopics(int partitions, Map<String, String> config, String... topics) {
    try (Admin admin = admin()) {
      var newTopics = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1).configs(config)).toList();
      for (var result : admin.createTopics(newTopics).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(topics), e.getCause());
          }
        }
      }
      awaitLeaders(admin, List.of(topics));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("creating topics timed out", e);
    }
  }

  /**
   * Returns once every partition of {@code topics} has a leader. A created topic is not yet usable: an idempotent
   * producer that writes to it at once can meet NOT_LEADER_OR_FOLLOWER, retry, and fail with
   * OutOfOrderSequenceException on a single-node broker.
   */
  private static void awaitLeaders(Admin admin, List<String> topics) {
    Awaitility.await("leaders of " + topics).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
            .flatMap(d -> d.partitions().stream())
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
  }

  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Producer settings for String keys and byte[] values. */
  public Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return props;
  }

  /** Consumer settings for String keys and byte[] values, reading from the beginning, committed records only. */
  public Map<String, Object> consumerProps(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }
}
