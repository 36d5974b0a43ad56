package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics live on the management port, open without a token (Prometheus and the probes carry no
 * credential); the API port does not serve them.
 */
class ManagementPortIT extends GatewayTestBase {

  @Test
  void prometheusAnswersOnTheManagementPortWithoutAToken() {
    var scrape = management.get("/actuator/prometheus", null);

    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body()).contains("neo_migrations_active ");
  }

  @Test
  void probesAnswerOnTheManagementPortWithoutAToken() {
    assertThat(management.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
  }

  @Test
  void theApiPortDoesNotServePrometheusWithoutAToken() {
    assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
  }

  @Test
  void theApiPortDoesNotServePrometheusEvenToAnAdmin() {
    var scrape = api.get("/actuator/prometheus", token("scraper", Permission.INFRASTRUCTURE_ADMIN));

    assertThat(scrape.status()).isEqualTo(404);
    assertThat(scrape.body()).doesNotContain("neo_migrations_active");
  }

  @Test
  void theManagementPortServesNoApi() {
    assertThat(management.get("/api/v1/migrations/status", token("mgmt", Permission.MIGRATIONS_READ)).status())
        .isEqualTo(404);
  }
}
