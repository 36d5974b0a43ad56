package io.neoinfra.devstack.e2e;

import io.neoinfra.devstack.DevStack;
import io.neoinfra.devstack.DevStackSettings;
import io.neoinfra.testsupport.FreePorts;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * One dev stack for every end-to-end test class of this JVM (its own Kafka node, processor, worker, gateway and OIDC
 * issuer on free ports, data in a temporary directory), started by the first class that asks and stopped when the
 * JVM exits, as {@code KafkaTestBroker.shared()} does for the broker: starting it costs more than most tests.
 * Retry tiers of 1 s and 2 s with 3 attempts, so that a target that stays down is dead-lettered within seconds
 * (and below the worker circuit breaker's minimum of 5 calls, which would otherwise fail a replay fast for 30 s).
 */
final class E2EStack {

  static final LocalDatabaseServer POSTGRES = LocalDatabaseServer.postgres();

  private static E2EStack shared;

  final DevStack stack;
  final GatewayClient api;
  private final Path dataDir;

  private E2EStack(Path dataDir) {
    this.dataDir = dataDir;
    DevStackSettings settings = new DevStackSettings(dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(),
        FreePorts.next(), FreePorts.next(), "classpath:e2e-bundle", false, "127.0.0.1", POSTGRES.port(),
        FreePorts.next(), List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), 3, FreePorts.next());
    this.stack = DevStack.start(settings);
    this.api = new GatewayClient(settings.gatewayUrl(), () -> stack.issuer().issueToken("neo-admin"));
  }

  static synchronized E2EStack shared() {
    if (shared == null) {
      try {
        shared = new E2EStack(Files.createTempDirectory("neo-e2e"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      E2EStack started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-dev-stack-stop"));
    }
    return shared;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + stack.settings().kafkaPort();
  }

  private void close() {
    stack.close();
    try (var files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

}
