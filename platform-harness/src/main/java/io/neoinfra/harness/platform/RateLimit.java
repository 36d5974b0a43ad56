package io.neoinfra.harness.platform;

import java.util.List;

/** The gateway's per-principal rate limit in the harness's platform. */
public enum RateLimit {
  /** The gateway's own defaults, as deployed. */
  STOCK(List.of()),
  /**
   * The limiter runs (and costs) on every request but never refuses one: the benchmarks measure migrations, not
   * admission, and the limit would otherwise pace the registration of thousands of tenants.
   */
  UNBOUNDED(List.of("--neo.gateway.rate-limit.principal-capacity=100000000",
      "--neo.gateway.rate-limit.principal-refill-per-second=100000000")),
  /** No limiter at all: every fuzzed request reaches the handlers. */
  OFF(List.of("--neo.gateway.rate-limit.enabled=false"));

  private final List<String> gatewayArguments;

  RateLimit(List<String> gatewayArguments) {
    this.gatewayArguments = gatewayArguments;
  }

  /** The gateway's command-line arguments that set this limit. */
  List<String> gatewayArguments() {
    return gatewayArguments;
  }
}
