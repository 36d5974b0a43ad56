package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.gateway.security.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/**
 * A deployment that allows embedded engines and denies loopback (standing in for a host name that resolves to a
 * metadata address): plain H2 names are accepted, H2 settings never are, and the health check's socket refuses the
 * resolved address before anything is sent.
 */
@TestPropertySource(properties = {
    "neo.gateway.connections.embedded-engines=true",
    "neo.gateway.connections.denied-networks=169.254.0.0/16,127.0.0.0/8,::1/128"})
class ConnectionPolicySettingsIT extends GatewayTestBase {

  @TempDir
  Path dir;

  private String register(String json) {
    String token = token("policy", Permission.DATABASES_WRITE, Permission.DATABASES_READ);
    var response = api.post("/api/v1/databases/connections", token, json);
    return response.status() + " " + response.body();
  }

  @Test
  void acceptsAPlainH2DatabaseWhenEmbeddedEnginesAreOn() {
    assertThat(register("""
        {"engine": "h2", "database_name": "demo_tenant", "connection_type": "dedicated", "username": "sa"}"""))
        .startsWith("201");
  }

  @Test
  void refusesAnH2InitScriptWhenEmbeddedEnginesAreOn() {
    Path marker = dir.resolve("marker.txt");

    String answer = register("""
        {"engine": "h2", "database_name": "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '%s')",
         "connection_type": "dedicated", "username": "sa"}""".formatted(marker));

    assertThat(answer).startsWith("422").contains("$.database_name").doesNotContain("FILE_WRITE");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void refusesAnAddressLiteralInADeniedNetwork() {
    assertThat(register("""
        {"database_name": "app", "connection_type": "dedicated", "host": "127.0.0.1", "username": "postgres"}"""))
        .startsWith("422").contains("$.host").contains("127.0.0.0/8");
  }
}
