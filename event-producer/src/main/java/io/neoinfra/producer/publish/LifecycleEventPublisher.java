package io.neoinfra.producer.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.schemas.cloudevents.LifecycleEventCodec;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.EncryptedSecret;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.events.DatabaseCreated;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.DatabaseUpdated;
import io.neoinfra.schemas.events.EventType;
import io.neoinfra.schemas.events.LifecycleEvent;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RollbackRequested;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantDeleted;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.serde.Decoded;
import io.neoinfra.schemas.serde.NeoJson;
import io.neoinfra.schemas.topics.Topics;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;
import io.neoinfra.schemas.validation.ContractViolationException;
import io.neoinfra.schemas.serde.ContractCodec;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes lifecycle events to {@code <prefix>lifecycle.<priority>} as CloudEvents, through an idempotent producer
 * ({@code acks=all}). Every event is checked against its JSON Schema first: an invalid one is refused with every field
 * error ({@link ContractViolationException}) and nothing is sent. Passwords are sealed with the workers' public keyset before
 * the event is built; the publisher cannot open them again.
 * Thread-safe; one per service; close it on shutdown.
 */
public final class LifecycleEventPublisher implements AutoCloseable {

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final URI source;
  private final LifecycleEventCodec codec;
  private final ObjectMapper mapper;
  private final ContractValidator validator;
  private final CredentialSealer sealer;

  LifecycleEventPublisher(Producer<String, byte[]> producer, Topics topics, URI source, ObjectMapper mapper,
      ContractValidator validator, CredentialSealer sealer) {
    this.producer = producer;
    this.topics = topics;
    this.source = source;
    this.mapper = mapper;
    this.validator = validator;
    this.codec = new LifecycleEventCodec(mapper, validator);
    this.sealer = sealer;
  }

  public static Builder configure() {
    return new Builder();
  }

  public Topics topics() {
    return topics;
  }

  public CompletableFuture<PublishReceipt> databaseCreated(DatabaseConnection connection, Priority priority) {
    return publish(new DatabaseCreated(connection.databaseId(), connection.databaseName(),
        connection.connectionType(), connection.region(), connection.engine(), connection.host(), connection.port(),
        connection.username(), seal(connection.password()), connection.passwordRef(), connection.autoMigrate(),
        connection.migrationTimeout(), connection.tenantId(), connection.tls()), priority);
  }

  public CompletableFuture<PublishReceipt> databaseUpdated(DatabaseConnection connection, Priority priority) {
    return publish(new DatabaseUpdated(connection.databaseId(), connection.databaseName(),
        connection.connectionType(), connection.region(), connection.engine(), connection.host(), connection.port(),
        connection.username(), seal(connection.password()), connection.passwordRef(), connection.autoMigrate(),
        connection.migrationTimeout(), connection.tenantId(), connection.tls()), priority);
  }

  public CompletableFuture<PublishReceipt> databaseDeleted(String databaseId, Priority priority) {
    return publish(new DatabaseDeleted(databaseId), priority);
  }

  public CompletableFuture<PublishReceipt> tenantCreated(TenantCreated event, Priority priority) {
    return publish(event, priority);
  }

  public CompletableFuture<PublishReceipt> tenantDeleted(String tenantId, Priority priority) {
    return publish(new TenantDeleted(tenantId), priority);
  }

  public CompletableFuture<PublishReceipt> migrationRequested(MigrationRequested event, Priority priority) {
    return publish(event, priority);
  }

  public CompletableFuture<PublishReceipt> rollbackRequested(RollbackRequested event, Priority priority) {
    return publish(event, priority);
  }

  /**
   * Publishes any lifecycle event.
   *
   * @throws ContractViolationException with every field error if the event breaks its schema; nothing is sent
   */
  public CompletableFuture<PublishReceipt> publish(LifecycleEvent event, Priority priority) {
    Objects.requireNonNull(priority, "priority");
    ProducerRecord<String, byte[]> record = codec.encode(topics.lifecycle(priority), event, source);
    String eventId = new String(record.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
    CompletableFuture<PublishReceipt> receipt = new CompletableFuture<>();
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        receipt.completeExceptionally(error);
      } else {
        receipt.complete(new PublishReceipt(metadata.topic(), metadata.partition(), metadata.offset(), eventId,
            record.key()));
      }
    });
    return receipt;
  }

  /**
   * Publishes an event given as JSON (the CLI's and other languages' way in). A plain {@code password} of a database
   * event is sealed first; the JSON is then validated like any event.
   *
   * @throws ContractViolationException with every field error if the JSON breaks the type's schema
   */
  public CompletableFuture<PublishReceipt> publishJson(EventType type, JsonNode json, Priority priority) {
    JsonNode body = sealPlainPassword(type, json);
    Decoded<? extends LifecycleEvent> decoded =
        new ContractCodec<>(type.recordType(), Contract.of(type), mapper, validator, false).readTree(body);
    if (decoded instanceof Decoded.Invalid<? extends LifecycleEvent> invalid) {
      throw new ContractViolationException(type.ceType(), invalid.errors().isEmpty()
          ? java.util.List.of(new io.neoinfra.schemas.validation.FieldError("$", invalid.reason().id(), invalid.message()))
          : invalid.errors());
    }
    return publish(decoded.orThrow(), priority);
  }

  private JsonNode sealPlainPassword(EventType type, JsonNode json) {
    boolean databaseEvent = type == EventType.DATABASE_CREATED || type == EventType.DATABASE_UPDATED;
    if (!databaseEvent || !(json instanceof ObjectNode object) || !object.path("password").isTextual()) {
      return json;
    }
    String password = object.get("password").asText();
    if (password.startsWith(EncryptedSecret.PREFIX) || password.startsWith(EncryptedSecret.RETIRED_PREFIX)) {
      // Already sealed (a retired v1 value is passed on as is: the worker refuses it with its reason).
      return json;
    }
    ObjectNode copy = object.deepCopy();
    copy.put("password", seal(password).ciphertext());
    return copy;
  }

  private EncryptedSecret seal(String password) {
    if (password == null) {
      return null;
    }
    if (sealer == null) {
      throw new MissingPublicKeysetException();
    }
    return sealer.seal(password);
  }

  /** Blocks until every event sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }

  /** Plain configuration, so that any service can build a publisher without a framework. */
  public static final class Builder {
    private String bootstrapServers;
    private String clientId = "neo-event-producer";
    private String topicPrefix = Topics.DEFAULT_PREFIX;
    private URI source;
    private PublicKeyset publicKeyset;
    private final Map<String, Object> kafkaProperties = new HashMap<>();

    private Builder() {}

    /** Kafka bootstrap servers, {@code host:port[,host:port]} (required). */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /**
     * The cluster and its client properties (security included) as every component reads them:
     * {@code kafka(KafkaClientSettings.fromSystem())} takes {@code NEO_KAFKA_BOOTSTRAP_SERVERS},
     * {@code NEO_KAFKA_CONFIG_FILE} and {@code NEO_KAFKA_<KEY>} (docs/kafka-security.md).
     */
    public Builder kafka(KafkaClientSettings settings) {
      Map<String, Object> props = settings.clientProperties();
      Object servers = props.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
      if (servers != null) {
        this.bootstrapServers = servers.toString();
      }
      this.kafkaProperties.putAll(props);
      return this;
    }

    /** Kafka client id (default: {@code neo-event-producer}). */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /** Topic name prefix (default: {@code neo.}). */
    public Builder topicPrefix(String topicPrefix) {
      this.topicPrefix = topicPrefix;
      return this;
    }

    /** The CloudEvents {@code source} of every event, e.g. {@code /billing-service} (required). */
    public Builder source(URI source) {
      this.source = source;
      return this;
    }

    /**
     * The workers' public keyset, which seals passwords (default: none; publishing a password then fails, a
     * {@code password_ref} still works). Read it with {@link PublicKeyset#read(java.nio.file.Path)}.
     */
    public Builder publicKeyset(PublicKeyset publicKeyset) {
      this.publicKeyset = publicKeyset;
      return this;
    }

    /**
     * Further Kafka producer properties, such as {@code security.protocol}, {@code sasl.*} and {@code ssl.*}. The
     * publisher's guarantees are not overridable: idempotence, {@code acks=all} and the serializers stay as they are.
     */
    public Builder kafkaProperties(Map<String, ?> properties) {
      this.kafkaProperties.putAll(properties);
      return this;
    }

    public LifecycleEventPublisher load() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers is required");
      }
      if (source == null) {
        throw new IllegalArgumentException("source is required (the CloudEvents source, e.g. /billing-service)");
      }
      Topics topics = new Topics(topicPrefix);
      Map<String, Object> props = new HashMap<>(kafkaProperties);
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
      props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      CredentialSealer sealer = publicKeyset == null ? null : new CredentialSealer(publicKeyset);
      return new LifecycleEventPublisher(new KafkaProducer<>(props), topics, source, NeoJson.newMapper(),
          new ContractValidator(), sealer);
    }
  }
}
