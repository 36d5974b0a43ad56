package io.neoinfra.worker.connections;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.neoinfra.schemas.tasks.TargetConnection;
import io.neoinfra.worker.WorkerSettings.CircuitSettings;

/**
 * A Resilience4j circuit breaker per database server ({@code host:port}). Only connection attempts count: a server
 * that refuses connections opens its breaker, and tasks for it then fail fast as retryable until the open duration
 * has passed and probes succeed. A SQL error in a script says nothing about the server and is not counted.
 */
public final class HostCircuitBreakers {

  private final CircuitBreakerRegistry registry;

  public HostCircuitBreakers(CircuitSettings settings) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.slidingWindow())
        .minimumNumberOfCalls(settings.minimumCalls())
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(settings.openDuration())
        .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
        // Half-open after the open duration without waiting for a task, so the state gauge tells the truth.
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build();
    this.registry = CircuitBreakerRegistry.of(config);
  }

  public CircuitBreaker forTarget(TargetConnection target) {
    return registry.circuitBreaker(hostKey(target));
  }

  /** The circuit-breaker key: one breaker per database server. */
  public static String hostKey(TargetConnection target) {
    return switch (target.engine()) {
      case H2 -> "h2:" + target.databaseName();
      default -> target.host() + ":" + (target.port() == null ? target.engine().defaultPort() : target.port());
    };
  }

  public CircuitBreakerRegistry registry() {
    return registry;
  }
}
