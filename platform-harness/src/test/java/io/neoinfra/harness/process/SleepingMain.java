package io.neoinfra.harness.process;

import java.util.concurrent.CountDownLatch;

/**
 * A stand-in service for {@link ServiceProcessIT}: says it started, then waits; on SIGTERM its shutdown hook says so,
 * which a SIGKILL never lets it do. With the argument {@code exit} it fails at once with status 3.
 */
public final class SleepingMain {

  private SleepingMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("exit")) {
      System.out.println("failing on purpose");
      System.exit(3);
    }
    // a heap in use that jstat sees (a JVM that allocated nothing may report 0 KiB used)
    byte[] ballast = new byte[8 << 20];
    System.out.println("started with NEO_TEST_VALUE=" + System.getenv("NEO_TEST_VALUE"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopped cleanly, "
        + ballast.length + " bytes held")));
    new CountDownLatch(1).await();
  }
}
