package io.neoinfra.reliability.platform;

import io.neoinfra.devstack.kafka.LocalKafkaBroker;
import io.neoinfra.devstack.kafka.LocalKafkaSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The dev stack's Kafka node ({@link LocalKafkaBroker}) as a process of its own, so that a test can stop it and start
 * it again on the same data directory and ports. Arguments: {@code <data dir> <broker port> <controller port>}.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: BrokerMain <data dir> <broker port> <controller port>");
      System.exit(2);
    }
    LocalKafkaBroker broker = LocalKafkaBroker.start(
        new LocalKafkaSettings(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    System.out.println("kafka node started on " + broker.bootstrapServers());
    stopped.await();
  }
}
