package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import org.junit.jupiter.api.Test;

class SmokeIT extends GatewayTestBase {

  @Test
  void profileShowsThePermissionsOfTheToken() {
    var response = api.get("/api/v1/auth/profile", token("smoke", Permission.MIGRATIONS_READ));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("permissions").toString()).contains("migrations:read");
  }
}
