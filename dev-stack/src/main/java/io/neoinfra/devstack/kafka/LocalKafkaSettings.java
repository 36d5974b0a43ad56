package io.neoinfra.devstack.kafka;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the dev stack's broker keeps its data and which loopback ports it listens on.
 *
 * @param dataDir the log and metadata directory; formatted on first start, reused after (default {@code .neo/kafka})
 * @param brokerPort the client port (default 9092)
 * @param controllerPort the KRaft controller port (default 9093)
 */
public record LocalKafkaSettings(Path dataDir, int brokerPort, int controllerPort) {

  public LocalKafkaSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    if (brokerPort < 0 || brokerPort > 65535 || controllerPort < 0 || controllerPort > 65535) {
      throw new IllegalArgumentException("ports must be in 0..65535");
    }
    if (brokerPort != 0 && brokerPort == controllerPort) {
      throw new IllegalArgumentException("broker and controller ports must differ: " + brokerPort);
    }
  }

  public static LocalKafkaSettings defaults(Path dataDir) {
    return new LocalKafkaSettings(dataDir, 9092, 9093);
  }
}
