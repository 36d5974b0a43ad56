package io.neoinfra.gateway.operations;

import io.neoinfra.producer.lag.LagException;
import io.neoinfra.producer.lag.LagMonitor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the consumer groups every {@code neo.gateway.lag.interval} on its own thread and then publishes the figures
 * as metrics, so that neither a request nor a Prometheus scrape ever waits for Kafka.
 */
final class LagSampler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LagSampler.class);

  private final LagMonitor monitor;
  private final LagProperties settings;
  private final LagMetrics metrics;
  private ScheduledExecutorService scheduler;

  LagSampler(LagMonitor monitor, LagProperties settings, LagMetrics metrics) {
    this.monitor = monitor;
    this.settings = settings;
    this.metrics = metrics;
  }

  synchronized void start() {
    if (!settings.enabled() || scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "gateway-lag-sampler");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::sample, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    try {
      monitor.sampleNow();
    } catch (LagException e) {
      log.warn("consumer lag not sampled ({}): {}", e.code(), e.getMessage());
    } catch (RuntimeException e) {
      // the schedule must survive a bad round: a thrown exception would cancel every later sample
      log.warn("consumer lag sampling failed", e);
    }
    metrics.publish(monitor.reports());
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
