package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import org.junit.jupiter.api.Test;

/**
 * The gateway's metric names of deploy/prometheus/agreed-metrics.txt exist on /actuator/prometheus (the management
 * port).
 */
class MetricsIT extends GatewayTestBase {

  @Test
  void exposesTheAgreedGatewayMetrics() {
    // given: a request, a refused request, so that the request timer and the failure counter have series
    api.get("/api/v1/migrations/status", token("metrics", Permission.MIGRATIONS_READ));
    api.get("/api/v1/migrations/status", null);

    // when
    var scrape = management.get("/actuator/prometheus", null);

    // then
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("http_server_requests_seconds_bucket{")   // percentiles histogram on
        .contains("neo_gateway_auth_failures_total{reason=\"missing_token\"}")
        .contains("neo_gateway_auth_failures_total{reason=\"invalid_token\"}")
        .contains("neo_gateway_rate_limited_total{scope=\"principal\"}")
        .contains("neo_gateway_rate_limited_total{scope=\"address\"}")
        .contains("neo_migrations_active ")
        .contains("neo_events_queue_size{priority=\"normal\"}")
        .doesNotContain("http_server_requests_active_seconds"); // no long-task timer per request
  }
}
