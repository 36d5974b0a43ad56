package io.neoinfra.processor.errors;

import io.neoinfra.processor.metrics.ProcessorMetrics;
import java.util.Map;

/** Hands the processor's metrics to the handlers Kafka Streams instantiates from class names. */
final class HandlerSupport {

  /** Config key under which {@code MigrationProcessor} passes the {@link ProcessorMetrics} object. */
  static final String METRICS = "neo.processor.metrics.object";

  private HandlerSupport() {}

  static ProcessorMetrics metrics(Map<String, ?> configs) {
    Object value = configs.get(METRICS);
    return value instanceof ProcessorMetrics metrics ? metrics : null;
  }

  static void count(ProcessorMetrics metrics, String handler) {
    if (metrics != null) {
      metrics.handlerCaught(handler);
    }
  }
}
