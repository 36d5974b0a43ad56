package io.neoinfra.worker;

import java.util.concurrent.CountDownLatch;

/**
 * The worker as a process: settings from the environment (see README), graceful stop on SIGTERM/SIGINT.
 */
public final class WorkerMain {

  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    WorkerSettings settings;
    try {
      settings = WorkerSettings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    MigrationWorker worker = MigrationWorker.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }, "neo-worker-shutdown"));
    System.out.println("neo-migration-worker " + settings.workerId() + " started; health on port " + worker.httpPort());
    stopped.await();
  }
}
