package io.neoinfra.harness.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in service for {@link ServiceProcessIT}: says it started, then waits; on SIGTERM its shutdown hook says so,
 * which a SIGKILL never lets it do. With the argument {@code exit} it fails at once with status 3; with {@code garbage}
 * it also leaves 24 MiB of dead arrays in the old generation (promoted by a full collection, then dropped), which no
 * young collection will ever reclaim.
 */
public final class SleepingMain {

  private SleepingMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("exit")) {
      System.out.println("failing on purpose");
      System.exit(3);
    }
    if (args.length > 0 && args[0].equals("garbage")) {
      promoteThenDrop(24);
    }
    // a heap in use that jstat sees (a JVM that allocated nothing may report 0 KiB used)
    byte[] ballast = new byte[8 << 20];
    System.out.println("started with NEO_TEST_VALUE=" + System.getenv("NEO_TEST_VALUE"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped cleanly, "
        + ballast.length + " bytes held")));
    new CountDownLatch(1).await();
  }

  private static void promoteThenDrop(int mib) {
    List<byte[]> promoted = new ArrayList<>();
    for (int i = 0; i < mib; i++) {
      promoted.add(new byte[1 << 20]);
    }
    System.gc(); // a full collection moves what is alive into the old generation
    promoted.clear();
  }
}
