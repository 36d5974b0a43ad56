package io.neoinfra.worker;

import java.util.concurrent.CountDownLatch;

/**
 * The worker as a process: settings from the environment (see README), graceful stop on SIGTERM/SIGINT.
 */
public final class WorkerMain {

  private WorkerMain() {}

  /**
   * Flyway logs several INFO lines per migrate; across thousands of tasks that drowns everything else, and the results
   * topic already tells what happened. Only when the operator has not chosen a level (slf4j-simple reads this property
   * when the first logger is created, so it must be set before).
   */
  private static void quietFlyway() {
    String property = "org.slf4j.simpleLogger.log.org.flywaydb";
    if (System.getProperty(property) == null) {
      System.setProperty(property, "warn");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    quietFlyway();
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
