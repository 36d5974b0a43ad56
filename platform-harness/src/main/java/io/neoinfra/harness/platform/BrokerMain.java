package io.neoinfra.harness.platform;

import io.neoinfra.devstack.kafka.LocalKafkaBroker;
import io.neoinfra.devstack.kafka.LocalKafkaSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The dev stack's single-node KRaft broker ({@link LocalKafkaBroker}) as a process of its own, so that the platform
 * runs every part as a separate JVM: its memory can be read, and it can be stopped and started again on the same data
 * directory and ports. Arguments: {@code <data dir> <broker port> <controller port>}. Stops cleanly on SIGTERM.
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
