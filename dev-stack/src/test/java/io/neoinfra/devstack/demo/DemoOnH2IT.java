package io.neoinfra.devstack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.devstack.DevStack;
import io.neoinfra.devstack.DevStackSettings;
import io.neoinfra.testsupport.FreePorts;
import io.neoinfra.testsupport.GatewayClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a PostgreSQL, the demo falls back to H2: its databases are registered by plain name (the dev stack enables
 * embedded engines), migrated to the end, and kept as files in the worker's embedded data directory.
 */
class DemoOnH2IT {

  @TempDir
  Path dataDir;

  @Test
  void demoRegistersAndMigratesItsH2DatabasesByName() throws Exception {
    int noPostgres = FreePorts.next(); // nothing listens here
    DevStackSettings settings = new DevStackSettings(dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(),
        FreePorts.next(), FreePorts.next(), "classpath:demo-bundle", false, "127.0.0.1", noPostgres,
        FreePorts.next(), List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 3, FreePorts.next());
    try (DevStack stack = DevStack.start(settings)) {
      DemoTargets targets = DemoTargets.provision("127.0.0.1", noPostgres);
      assertThat(targets.kind()).startsWith("h2");
      assertThat(targets.databases()).allSatisfy(db -> assertThat(db.databaseName()).matches("[a-z_]+"));

      DemoRegistration demo = new DemoRegistration(settings.gatewayUrl(), () -> stack.issuer().issueToken("neo-admin"));
      demo.register(targets);
      String execution = demo.migrateEverything();

      GatewayClient api = new GatewayClient(settings.gatewayUrl(), () -> stack.issuer().issueToken("neo-admin"));
      await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        var view = api.get("/api/v1/migrations/executions/" + execution).body();
        String status = view.path("status").asText();
        assertThat(status).as(view.toString()).isNotIn("FAILED", "CANCELLED", "REJECTED");
        return "COMPLETED".equals(status);
      });
      assertThat(Files.exists(dataDir.resolve("h2").resolve("neo_demo_admin.mv.db"))).isTrue();
      assertThat(Files.exists(dataDir.resolve("h2").resolve("neo_demo_globex.mv.db"))).isTrue();
    }
  }
}
