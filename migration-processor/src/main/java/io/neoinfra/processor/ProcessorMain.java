package io.neoinfra.processor;

import io.neoinfra.schemas.kafka.KafkaClientSettings;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the processor as a process: settings from {@code NEO_PROCESSOR_*} environment variables, overridden by
 * {@code neo.processor.*} system properties, overridden by {@code neo.processor.x=y} arguments; Kafka client settings
 * likewise from {@code NEO_KAFKA_*}, {@code neo.kafka.*} system properties and {@code neo.kafka.x=y} arguments; serves {@code /health}
 * and {@code /metrics} on {@code metrics-port} (9401); stops cleanly on SIGTERM (a SIGKILL is survived too:
 * exactly-once).
 */
public final class ProcessorMain {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessorMain.class);

  private ProcessorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Properties props = ProcessorSettings.environmentProperties(System.getenv());
    System.getProperties().forEach((k, v) -> props.put(k, v));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        System.err.println("arguments are neo.processor.<name>=<value>; see README.md");
        System.exit(2);
      }
      String name = arg.substring(0, eq).replaceFirst("^--", "");
      boolean qualified = name.startsWith(ProcessorSettings.PROPERTY_PREFIX)
          || name.startsWith(KafkaClientSettings.PROPERTY_PREFIX);
      props.setProperty(qualified ? name : ProcessorSettings.PROPERTY_PREFIX + name, arg.substring(eq + 1));
    }
    ProcessorSettings settings;
    try {
      settings = ProcessorSettings.fromProperties(props, System.getenv()).validate();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    MigrationProcessor processor = MigrationProcessor.startServing(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      processor.close();
      stopped.countDown();
    }, "processor-shutdown"));
    LOG.info("migration processor {} started on {}; /health and /metrics on port {}", settings.applicationId(),
        settings.bootstrapServers(), processor.metricsPort().isPresent() ? processor.metricsPort().getAsInt() : "none");
    stopped.await();
  }
}
