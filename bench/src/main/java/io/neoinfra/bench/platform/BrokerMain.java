package io.neoinfra.bench.platform;

import io.neoinfra.devstack.kafka.LocalKafkaBroker;
import io.neoinfra.devstack.kafka.LocalKafkaSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The dev stack's single-node KRaft broker as a process of its own, so that the platform benchmarks run every part
 * as a separate JVM and can read each one's memory. Arguments: {@code <dataDir> <brokerPort> <controllerPort>}.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalKafkaBroker broker = LocalKafkaBroker.start(new LocalKafkaSettings(Path.of(args[0]),
        Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "bench-broker-shutdown"));
    System.out.println("broker started on " + broker.bootstrapServers());
    stopped.await();
  }
}
