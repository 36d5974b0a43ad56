package io.neoinfra.deploycheck;

import io.neoinfra.processor.ProcessorSettings;
import io.neoinfra.schemas.kafka.InvalidKafkaClientSettingsException;
import io.neoinfra.schemas.kafka.KafkaClientSettings;
import io.neoinfra.schemas.kafka.KafkaSettingsProblem;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.worker.WorkerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Which settings each service really reads, taken from its settings classes (not from a list kept here), so that a
 * variable in docker-compose.yml or k8s/ that no code reads is found.
 */
final class ServiceSettings {

  /**
   * The processor's /health and /metrics port variable (default 9401). ProcessorSettings reads it through
   * environmentProperties as neo.processor.metrics-port; the manifest checks name it here rather than derive it.
   */
  static final String ASSUMED_PROCESSOR_METRICS_PORT = "NEO_PROCESSOR_METRICS_PORT";

  private ServiceSettings() {}

  /**
   * The NEO_* variables WorkerSettings.fromEnvironment looks up by name; the NEO_KAFKA_* ones it reads as a family
   * are {@link #isKafkaVariable(String)}.
   */
  static Set<String> workerVariables() {
    Set<String> asked = new TreeSet<>();
    Map<String, String> recording = new java.util.HashMap<>(Map.of("NEO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")) {
      @Override
      public String get(Object name) {
        asked.add(name.toString());
        return super.get(name);
      }
    };
    WorkerSettings.from(recording);
    return asked;
  }

  /**
   * Whether every service reads {@code variable} as a Kafka client setting (KafkaClientSettings): NEO_KAFKA_CONFIG_FILE,
   * or NEO_KAFKA_&lt;KEY&gt; of a Kafka client property.
   */
  static boolean isKafkaVariable(String variable) {
    if (!variable.startsWith(KafkaClientSettings.ENVIRONMENT_PREFIX)) {
      return false;
    }
    try {
      KafkaClientSettings.load(Map.of(variable, "value"), Map.of());
      return true;
    } catch (InvalidKafkaClientSettingsException e) {
      return e.problems().stream().noneMatch(p -> p instanceof KafkaSettingsProblem.UnknownProperty);
    }
  }

  /**
   * Builds the worker's settings from these variables, as WorkerMain would; throws what WorkerMain would print. The
   * private keyset file the environment names is mounted at run time, so a keyset made as keygen makes it stands in.
   */
  static WorkerSettings worker(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    env.computeIfPresent("NEO_CREDENTIAL_PRIVATE_KEYSET", (name, mounted) -> standInPrivateKeyset().toString());
    return WorkerSettings.from(env);
  }

  private static Path standInPrivateKeyset() {
    try {
      Path file = Files.createTempFile("deploy-check-credentials-private", ".json");
      file.toFile().deleteOnExit();
      PrivateKeyset.generate().write(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The neo.processor.* keys ProcessorSettings.fromProperties reads (plus the streams.* pass-through prefix). */
  static Set<String> processorKeys() {
    Set<String> asked = new TreeSet<>();
    Properties recording = new Properties() {
      @Override
      public String getProperty(String key) {
        asked.add(key);
        return super.getProperty(key);
      }
    };
    ProcessorSettings.fromProperties(recording);
    return asked;
  }

  /**
   * Builds the processor's settings from ProcessorMain arguments ({@code neo.processor.x=y}) and its environment
   * (NEO_PROCESSOR_*, NEO_KAFKA_*), as ProcessorMain does.
   */
  static ProcessorSettings processor(List<String> arguments, Map<String, String> environment) {
    Properties props = ProcessorSettings.environmentProperties(environment);
    for (String argument : arguments) {
      int eq = argument.indexOf('=');
      props.setProperty(argument.substring(0, eq), argument.substring(eq + 1));
    }
    return ProcessorSettings.fromProperties(props, environment).validate();
  }

  /** The processor arguments whose key ProcessorSettings does not read. */
  static List<String> unknownProcessorArguments(List<String> arguments) {
    Set<String> known = processorKeys();
    List<String> unknown = new ArrayList<>();
    for (String argument : arguments) {
      String key = argument.substring(0, Math.max(0, argument.indexOf('=')));
      if (!known.contains(key) && !key.startsWith(ProcessorSettings.PROPERTY_PREFIX + "streams.")) {
        unknown.add(argument);
      }
    }
    return unknown;
  }

  /**
   * The environment form of every neo.gateway.* property (Spring's relaxed binding: upper case, '.' and '-' as
   * '_'), from the gateway's @ConfigurationProperties records; a value ending in '_' is a prefix (lists, maps).
   */
  static Set<String> gatewayVariables() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    Set<String> names = new TreeSet<>();
    for (var candidate : scanner.findCandidateComponents("io.neoinfra.gateway")) {
      Class<?> type;
      try {
        type = Class.forName(candidate.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
      for (RecordComponent component : type.getRecordComponents()) {
        String name = env(prefix + "." + kebab(component.getName()));
        names.add(name);
        if (List.class.isAssignableFrom(component.getType()) || Map.class.isAssignableFrom(component.getType())) {
          names.add(name + "_");
        }
      }
    }
    return names;
  }

  /**
   * The NEO_GATEWAY_* variables of {@code environment} that bind to no gateway property, and the NEO_KAFKA_* ones that
   * name no Kafka client setting.
   */
  static List<String> unknownGatewayVariables(Set<String> environment) {
    Set<String> known = gatewayVariables();
    return environment.stream()
        .filter(v -> v.startsWith(KafkaClientSettings.ENVIRONMENT_PREFIX) ? !isKafkaVariable(v)
            : v.startsWith("NEO_GATEWAY_")
                && !known.contains(v) && known.stream().noneMatch(k -> k.endsWith("_") && v.startsWith(k)))
        .toList();
  }

  static String env(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Docker Compose interpolation of ${NAME}, ${NAME:-default} and ${NAME:?error} against {@code environment}. */
  static String interpolate(String value, Map<String, String> environment) {
    var m = java.util.regex.Pattern.compile("\\$\\{(\\w+)(?::?([-?])([^}]*))?}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String set = environment.get(m.group(1));
      String replacement;
      if (set != null && !set.isEmpty()) {
        replacement = set;
      } else if ("-".equals(m.group(2))) {
        replacement = m.group(3);
      } else {
        throw new IllegalArgumentException(m.group(1) + " must be set: " + m.group(3));
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
