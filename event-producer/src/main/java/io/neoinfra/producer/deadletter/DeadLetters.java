package io.neoinfra.producer.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Inspects and replays the dead-letter topic ({@code <prefix>migration.dlt}). Reads never join a consumer group
 * (assign + seek, up to the end offsets of the moment the read starts), so nobody's offsets move. Replays write in
 * Kafka transactions and keep a compacted replay log ({@code <prefix>migration.dlt.replays}) that makes a second replay
 * of the same dead letter a visible no-op. Kafka clients are created per call and closed after it, so one instance is
 * cheap to keep and safe to share between threads. Permissions are the caller's business.
 *
 * <pre>{@code
 * DeadLetters dlt = DeadLetters.configure().bootstrapServers("kafka:9092").topicPrefix("neo.").load();
 * List<DeadLetter> failed = dlt.list(DeadLetterFilter.builder().errorClasses(List.of("sql_error")).build());
 * ReplayReport report = dlt.replay(ReplayRequest.of(filter).requestedBy("alice").ratePerSecond(50).build());
 * }</pre>
 */
public final class DeadLetters {

  private final DeadLetterSettings settings;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final TopicScanner scanner;
  private final ReplayLog replayLog;

  private DeadLetters(DeadLetterSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.mapper = NeoJson.newMapper();
    this.scanner = new TopicScanner(this::newConsumer, settings.timeout());
    this.replayLog = new ReplayLog(replayLogTopic(settings.topics()), mapper, scanner);
  }

  public static Builder configure() {
    return new Builder();
  }

  /** The replay log's name for a prefix: {@code <prefix>migration.dlt.replays}. */
  public static String replayLogTopic(Topics topics) {
    return topics.deadLetters() + ".replays";
  }

  public String deadLetterTopic() {
    return settings.topics().deadLetters();
  }

  public String replayLogTopic() {
    return replayLog.topic();
  }

  /** Every dead letter the filter matches, in partition/offset order. */
  public List<DeadLetter> list(DeadLetterFilter filter) {
    return list(filter, Integer.MAX_VALUE);
  }

  /**
   * At most {@code limit} matching dead letters, in partition/offset order.
   *
   * @throws DeadLetterException TOPIC_NOT_FOUND if the dead-letter topic does not exist, KAFKA_UNAVAILABLE on timeout
   */
  public List<DeadLetter> list(DeadLetterFilter filter, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    List<DeadLetter> found = new ArrayList<>();
    scanner.scan(deadLetterTopic(), startOffsets(filter), record -> {
      DeadLetter letter = DeadLetterDecoder.decode(record);
      if (filter.matches(letter)) {
        found.add(letter);
      }
    });
    found.sort(Comparator.comparing(DeadLetter::id));
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
  }

  /** One dead letter by partition and offset, if it exists (still within retention). */
  public Optional<DeadLetter> find(DeadLetterId id) {
    return list(DeadLetterFilter.builder().offsets(List.of(id)).build()).stream().findFirst();
  }

  /** The replay log's latest entry per dead letter. */
  public Map<DeadLetterId, ReplayLogEntry> replayLog() {
    return replayLog.read();
  }

  /**
   * Replays the selected dead letters. Per record the report says: replayed (where to), already replayed (when, by
   * whom), would replay (dry run) or refused (why). A dry run sends and writes nothing.
   */
  public ReplayReport replay(ReplayRequest request) {
    return new Replayer(deadLetterTopic(), scanner, replayLog, this::newAdmin, this::newProducer, clock,
        settings.timeout()).replay(request);
  }

  /** With an offsets selection, only their partitions are read, each from its lowest selected offset. */
  static Map<Integer, Long> startOffsets(DeadLetterFilter filter) {
    Map<Integer, Long> starts = new HashMap<>();
    for (DeadLetterId id : filter.offsets()) {
      starts.merge(id.partition(), id.offset(), Math::min);
    }
    return starts;
  }

  private KafkaConsumer<byte[], byte[]> newConsumer() {
    Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-reader");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG); // never join a group: reading must not move anyone's offsets
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // the processor writes dead letters in transactions; an aborted one was never dead-lettered
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(props);
  }

  private Producer<byte[], byte[]> newProducer() {
    Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId() + "-replayer");
    // one id per replay: concurrent replays by different operators must not fence each other
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.clientId() + "-replay-" + UUID.randomUUID());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  private Admin newAdmin() {
    Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientId() + "-admin");
    return Admin.create(props);
  }

  /** Configures a {@link DeadLetters}; see {@link DeadLetterSettings} for the defaults. */
  public static final class Builder {
    private String bootstrapServers;
    private String topicPrefix = Topics.DEFAULT_PREFIX;
    private String clientId = DeadLetterSettings.DEFAULT_CLIENT_ID;
    private Map<String, Object> kafkaProperties = Map.of();
    private Duration timeout = DeadLetterSettings.DEFAULT_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Required. */
    public Builder bootstrapServers(String servers) {
      bootstrapServers = servers;
      return this;
    }

    /** The cluster and its client properties as every component reads them ({@link KafkaClientSettings}). */
    public Builder kafka(KafkaClientSettings settings) {
      Map<String, Object> props = settings.clientProperties();
      Object servers = props.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
      if (servers != null) {
        bootstrapServers = servers.toString();
      }
      kafkaProperties = Map.copyOf(props);
      return this;
    }

    /** Topic name prefix (default: {@code neo.}). */
    public Builder topicPrefix(String prefix) {
      topicPrefix = prefix;
      return this;
    }

    /** Kafka client id stem (default: {@code neo-dead-letters}). */
    public Builder clientId(String id) {
      clientId = id;
      return this;
    }

    /** Extra Kafka client settings (security.protocol, sasl.*, ssl.*); the settings that make reads safe win. */
    public Builder kafkaProperties(Map<String, Object> properties) {
      kafkaProperties = Map.copyOf(properties);
      return this;
    }

    /** How long to wait for Kafka without progress (default: 30 s). */
    public Builder timeout(Duration value) {
      timeout = value;
      return this;
    }

    /** The clock of the replay log's timestamps (default: the system UTC clock). */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Validates the settings; connects lazily, on each call. */
    public DeadLetters load() {
      return new DeadLetters(
          new DeadLetterSettings(bootstrapServers, new Topics(topicPrefix), clientId, kafkaProperties, timeout),
          clock);
    }
  }
}
