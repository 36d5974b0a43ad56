package io.neoinfra.schemas.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Utils;

/**
 * How every component of the platform reaches Kafka: the bootstrap servers and the client properties (security and
 * anything else), read the same way by the gateway, the processor, the worker, the publishing library's users, the
 * CLI and the dev tools.
 *
 * <p>Sources, each overriding the one before:
 * <ol>
 *   <li>{@code NEO_KAFKA_CONFIG_FILE}: a Java properties file of Kafka client properties ({@code security.protocol},
 *       {@code ssl.*}, {@code sasl.*}, even {@code bootstrap.servers}), as Kafka's own tools take with
 *       {@code --command-config};</li>
 *   <li>{@code NEO_KAFKA_<KEY>} environment variables, one client property each: the name after {@code NEO_KAFKA_},
 *       lower-cased, every {@code _} a {@code .} ({@code NEO_KAFKA_BOOTSTRAP_SERVERS} → {@code bootstrap.servers},
 *       {@code NEO_KAFKA_SASL_JAAS_CONFIG} → {@code sasl.jaas.config}); Kafka client property names contain no
 *       {@code _}, so the mapping is exact;</li>
 *   <li>{@code neo.kafka.<key>} properties (system properties, Spring properties): the client property name itself
 *       after the prefix ({@code neo.kafka.security.protocol}); {@code neo.kafka.config.file} names the file.</li>
 * </ol>
 * Every name must be a property of Kafka's producer, consumer or admin client, or loading fails naming it (a typo
 * would otherwise silently leave a client unsecured). Values of {@link ConfigDef.Type#PASSWORD} properties
 * ({@code sasl.jaas.config}, {@code ssl.keystore.password}, …) are kept as Kafka's {@link Password}, which prints as
 * {@code [hidden]}: neither {@link #toString()} nor Kafka's own configuration log shows them.
 */
public final class KafkaClientSettings {

  public static final String ENVIRONMENT_PREFIX = "NEO_KAFKA_";
  public static final String PROPERTY_PREFIX = "neo.kafka.";
  /** The key (after the prefixes) naming the properties file; not a Kafka property. */
  public static final String CONFIG_FILE_KEY = "config.file";

  private static final Map<String, ConfigDef.ConfigKey> CLIENT_KEYS = clientKeys();

  private final String bootstrapServers;
  /** Every client property but {@code bootstrap.servers}; PASSWORD values as {@link Password}. */
  private final Map<String, Object> properties;

  private KafkaClientSettings(String bootstrapServers, Map<String, Object> properties) {
    this.bootstrapServers = bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers.trim();
    this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /** Bootstrap servers and nothing else: a PLAINTEXT cluster. */
  public static KafkaClientSettings of(String bootstrapServers) {
    return new KafkaClientSettings(bootstrapServers, Map.of());
  }

  /** Read from the process: its environment variables, then its system properties. */
  public static KafkaClientSettings fromSystem() {
    return load(System.getenv(), System.getProperties());
  }

  /**
   * {@code NEO_KAFKA_*} names of {@code environment}, then {@code neo.kafka.*} names of {@code properties} (other
   * names of either are ignored).
   *
   * @throws InvalidKafkaClientSettingsException naming every unknown property and an unreadable file
   */
  public static KafkaClientSettings load(Map<String, String> environment, Map<?, ?> properties) {
    Map<String, String> keys = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENVIRONMENT_PREFIX) && name.length() > ENVIRONMENT_PREFIX.length() && value != null) {
        String key = keyOfEnvironmentName(name);
        keys.put(key, value);
        origins.put(key, "environment variable " + name);
      }
    });
    properties.forEach((name, value) -> {
      if (name instanceof String n && n.startsWith(PROPERTY_PREFIX) && n.length() > PROPERTY_PREFIX.length()
          && value != null) {
        String key = n.substring(PROPERTY_PREFIX.length());
        keys.put(key, value.toString());
        origins.put(key, "property " + n);
      }
    });
    return fromKeys(keys, origins);
  }

  /**
   * From client property names without a prefix ({@code security.protocol}, and {@code config.file} for the file), as
   * a Spring {@code Map} bound at {@code neo.kafka} holds them.
   */
  public static KafkaClientSettings fromKeys(Map<String, String> keys) {
    Map<String, String> origins = new HashMap<>();
    keys.keySet().forEach(key -> origins.put(key, "property " + PROPERTY_PREFIX + key));
    return fromKeys(keys, origins);
  }

  /** {@code NEO_KAFKA_SASL_JAAS_CONFIG} → {@code sasl.jaas.config}. */
  public static String keyOfEnvironmentName(String name) {
    return name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** {@code sasl.jaas.config} → {@code NEO_KAFKA_SASL_JAAS_CONFIG}. */
  public static String environmentNameOf(String key) {
    return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static KafkaClientSettings fromKeys(Map<String, String> keys, Map<String, String> origins) {
    List<KafkaSettingsProblem> problems = new ArrayList<>();
    Map<String, String> merged = new HashMap<>();
    String file = keys.get(CONFIG_FILE_KEY);
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file.trim());
      try {
        if (!Files.isReadable(path)) {
          problems.add(new KafkaSettingsProblem.UnreadableConfigFile(path, "no readable file there"));
        } else {
          Properties loaded = Utils.loadProps(path.toString());
          for (String key : loaded.stringPropertyNames()) {
            merged.put(key, loaded.getProperty(key));
            origins.putIfAbsent(key, "the properties file " + path);
          }
        }
      } catch (IOException e) {
        problems.add(new KafkaSettingsProblem.UnreadableConfigFile(path, e.getClass().getSimpleName()));
      }
    }
    keys.forEach((key, value) -> {
      if (!key.equals(CONFIG_FILE_KEY)) {
        merged.put(key, value);
      }
    });
    Map<String, Object> properties = new HashMap<>();
    String bootstrap = null;
    for (Map.Entry<String, String> entry : merged.entrySet()) {
      String key = entry.getKey();
      ConfigDef.ConfigKey definition = CLIENT_KEYS.get(key);
      if (definition == null) {
        problems.add(new KafkaSettingsProblem.UnknownProperty(origins.getOrDefault(key, "a setting"), key));
      } else if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
        bootstrap = entry.getValue();
      } else if (definition.type == ConfigDef.Type.PASSWORD) {
        properties.put(key, new Password(entry.getValue()));
      } else {
        properties.put(key, entry.getValue());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidKafkaClientSettingsException(problems);
    }
    return new KafkaClientSettings(bootstrap, properties);
  }

  /** These settings, or {@code fallback} servers where none are set. */
  public KafkaClientSettings withDefaultBootstrapServers(String fallback) {
    return bootstrapServers != null ? this : new KafkaClientSettings(fallback, properties);
  }

  /** These settings with other bootstrap servers (a command-line option, say). */
  public KafkaClientSettings withBootstrapServers(String servers) {
    return new KafkaClientSettings(servers, properties);
  }

  /** These settings with more client properties on top (a {@code --command-config} file, say). */
  public KafkaClientSettings withProperties(Map<String, ?> more) {
    Map<String, String> keys = new HashMap<>();
    more.forEach((key, value) -> keys.put(key, value instanceof Password p ? p.value() : String.valueOf(value)));
    KafkaClientSettings extra = fromKeys(keys);
    Map<String, Object> merged = new HashMap<>(properties);
    merged.putAll(extra.properties);
    return new KafkaClientSettings(extra.bootstrapServers != null ? extra.bootstrapServers : bootstrapServers,
        merged);
  }

  /** The bootstrap servers, if any source set them. */
  public Optional<String> bootstrapServers() {
    return Optional.ofNullable(bootstrapServers);
  }

  /** @throws InvalidKafkaClientSettingsException when no bootstrap servers are set */
  public String requireBootstrapServers() {
    if (bootstrapServers == null) {
      throw new InvalidKafkaClientSettingsException(List.of(new KafkaSettingsProblem.MissingBootstrapServers()));
    }
    return bootstrapServers;
  }

  /** Every problem of settings a service cannot start with: today only missing bootstrap servers. */
  public List<KafkaSettingsProblem> problems() {
    return bootstrapServers == null ? List.of(new KafkaSettingsProblem.MissingBootstrapServers()) : List.of();
  }

  /** The security protocol in effect ({@code PLAINTEXT} unless set). */
  public String securityProtocol() {
    Object value = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    return value == null ? CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL : value.toString();
  }

  /**
   * A new, mutable map of every client property, {@code bootstrap.servers} included, for a producer, consumer, admin
   * client or Kafka Streams configuration; the component then sets what it needs fixed (serializers, acks, group).
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(properties);
    if (bootstrapServers != null) {
      props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    return props;
  }

  /** The names of the client properties set besides {@code bootstrap.servers}. */
  public Set<String> propertyNames() {
    return properties.keySet();
  }

  /** Bootstrap servers and every property, PASSWORD values shown as {@code [hidden]}. */
  @Override
  public String toString() {
    return "KafkaClientSettings{bootstrap.servers=" + bootstrapServers + ", "
        + properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ")) + "}";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KafkaClientSettings that && java.util.Objects.equals(bootstrapServers,
        that.bootstrapServers) && properties.equals(that.properties);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(bootstrapServers, properties);
  }

  private static Map<String, ConfigDef.ConfigKey> clientKeys() {
    Map<String, ConfigDef.ConfigKey> keys = new HashMap<>();
    keys.putAll(AdminClientConfig.configDef().configKeys());
    keys.putAll(ConsumerConfig.configDef().configKeys());
    keys.putAll(ProducerConfig.configDef().configKeys());
    return Map.copyOf(keys);
  }

  static Set<String> knownKeys() {
    return new HashSet<>(CLIENT_KEYS.keySet());
  }
}
