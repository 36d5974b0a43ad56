package io.neoinfra.reliability.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform running as its own JVM, started from a classpath with {@code java -cp … Main}, so that a
 * fault can be a real SIGKILL: no shutdown hook, no commit, no leave-group. Its output goes to a log file that is kept
 * across restarts (appended).
 */
public final class ServiceProcess implements AutoCloseable {

  private final ServiceSpec spec;
  private final Path log;
  private Process process;
  private volatile boolean killed;

  private ServiceProcess(ServiceSpec spec, Path log) {
    this.spec = spec;
    this.log = log;
  }

  /** Starts the JVM described by {@code spec}; returns at once (readiness is the caller's to wait for). */
  public static ServiceProcess start(ServiceSpec spec, Path logDir) {
    ServiceProcess service = new ServiceProcess(spec, logDir.resolve(spec.name() + ".log"));
    service.launch();
    return service;
  }

  private void launch() {
    killed = false;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + spec.maxHeapMb() + "m");
    command.add("-XX:+UseSerialGC"); // two shared cores: a parallel collector per JVM would only fight for them
    spec.systemProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(spec.classpath());
    command.add(spec.mainClass());
    command.addAll(spec.arguments());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.putAll(spec.environment());
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "=== start " + spec.name() + " " + java.time.Instant.now() + System.lineSeparator(),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  public String name() {
    return spec.name();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True between a {@link #kill()} and the next {@link #restart()}: down on purpose, not by a crash. */
  public boolean killedOnPurpose() {
    return killed;
  }

  public Path log() {
    return log;
  }

  /** SIGKILL, then wait until the process is gone. */
  public void kill() {
    killed = true;
    process.toHandle().destroyForcibly();
    awaitExit(30);
  }

  /** SIGTERM (the service's shutdown hook runs), then wait; SIGKILL if it does not stop within 60 s. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.toHandle().destroy();
    if (!awaitExit(60)) {
      kill();
    }
  }

  /** Starts the same JVM again (same settings, same data directories, same log). */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(spec.name() + " is still running");
    }
    launch();
  }

  private boolean awaitExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Resident set size from {@code /proc/<pid>/status} (Linux), in bytes; empty when the process is gone. */
  public OptionalLong rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between two samples
    }
    return OptionalLong.empty();
  }

  /**
   * Heap in use, from {@code jstat -gc} (survivors + eden + old, in KiB): the JDK's own tool, so no agent and no
   * port in the services. Empty when jstat is missing or the process is gone.
   */
  public OptionalLong heapUsedBytes() {
    Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
    try {
      Process p = new ProcessBuilder(jstat.toString(), "-gc", String.valueOf(process.pid())).redirectErrorStream(true)
          .start();
      List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
      p.waitFor(10, TimeUnit.SECONDS);
      if (lines.size() < 2) {
        return OptionalLong.empty();
      }
      String[] names = lines.get(0).trim().split("\\s+");
      String[] values = lines.get(1).trim().split("\\s+");
      double kib = 0;
      for (int i = 0; i < names.length && i < values.length; i++) {
        if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
          kib += Double.parseDouble(values[i]);
        }
      }
      return OptionalLong.of((long) (kib * 1024));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  @Override
  public String toString() {
    return spec.name() + (process == null ? "" : " (pid " + process.pid() + ")");
  }

  @Override
  public void close() {
    stop();
  }
}
