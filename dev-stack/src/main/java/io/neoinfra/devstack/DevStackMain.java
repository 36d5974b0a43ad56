package io.neoinfra.devstack;

import io.neoinfra.devstack.demo.DemoRegistration;
import io.neoinfra.devstack.demo.DemoTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./neo dev}: starts the platform, registers the demo, prints where everything is, runs until Ctrl-C. */
public final class DevStackMain {

  private DevStackMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("neo.repo.root", "."));
    DevStackSettings settings = DevStackSettings.fromEnvironment(root.resolve(".neo"));
    long started = System.nanoTime();
    DevStack stack = DevStack.prepare(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    // Before the start: Ctrl-C during a start stops what had started (the Kafka node above all) cleanly too.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("\nneo dev: stopping…");
      stack.close();
      System.out.println("neo dev: stopped; the next start resumes from " + settings.dataDir());
      stopped.countDown();
    }, "dev-stack-shutdown"));
    try {
      stack.startAll();
    } catch (DevStack.StoppedWhileStartingException e) {
      stopped.await();
      return;
    }

    String execution = null;
    DemoTargets targets = null;
    if (settings.demo()) {
      targets = DemoTargets.provision(settings.postgresHost(), settings.postgresPort());
      DemoRegistration demo = new DemoRegistration(settings.gatewayUrl(), () -> stack.issuer().issueToken("neo-admin"));
      // The registry lives in Kafka, under the data directory: after the first run there is nothing to register.
      boolean firstRun = !Files.exists(settings.dataDir().resolve("demo-registered"));
      if (firstRun) {
        demo.register(targets);
        execution = demo.migrateEverything();
        Files.writeString(settings.dataDir().resolve("demo-registered"), execution + "\n");
      }
    }
    System.out.println(Banner.text(settings, stack.issuer(), stack.credentials(), targets, execution,
        (System.nanoTime() - started) / 1_000_000));
    stopped.await();
  }
}
