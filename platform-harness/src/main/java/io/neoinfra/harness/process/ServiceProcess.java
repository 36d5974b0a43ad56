package io.neoinfra.harness.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform running as its own JVM, started from a {@link ServiceSpec} with {@code java -cp …
 * Main}, so that a fault can be a real SIGKILL: no shutdown hook, no commit, no leave-group. Its output goes to
 * {@code <logDir>/<name>.log}, kept across restarts (appended, each start marked), so that a failed run can be read
 * afterwards.
 */
public final class ServiceProcess implements AutoCloseable {

  /** How long a SIGTERM may take (a worker lets running tasks finish) before SIGKILL. */
  private static final int STOP_SECONDS = 60;

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
    command.addAll(spec.jvmOptions());
    command.add("-cp");
    command.add(spec.classpath());
    command.add(spec.mainClass());
    command.addAll(spec.arguments());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(spec.environment());
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "=== start " + spec.name() + " " + Instant.now() + System.lineSeparator(),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
    if (!awaitExit(STOP_SECONDS)) {
      kill();
    }
  }

  /** Starts the same JVM again (same options, same data directories, same log). */
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

  /** Fails with the log's tail if the process has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(spec.name() + " exited with " + process.exitValue() + "; its log " + log
          + " ends:\n" + logTail(40));
    }
  }

  /** The last lines of its output, for a failure message. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
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

  /** Resident set size in MiB, or -1 when the process is gone. */
  public double rssMb() {
    OptionalLong bytes = rssBytes();
    return bytes.isPresent() ? bytes.getAsLong() / 1048576.0 : -1;
  }

  /**
   * Heap in use, from {@code jstat -gc} (survivors + eden + old, in KiB): the JDK's own tool, so no agent and no
   * port in the services. This includes garbage the collector has not reclaimed yet: with the serial collector, dead
   * objects that were promoted stay counted until the old generation fills. Empty when jstat is missing or the
   * process is gone.
   */
  public OptionalLong heapUsedBytes() {
    return jstatSum(List.of("S0U", "S1U", "EU", "OU"));
  }

  /**
   * The live heap: {@code jcmd <pid> GC.run} (a full collection, a pause of tens of milliseconds on a small heap),
   * then survivors + old from {@code jstat -gc}; eden is left out, as it holds only what was allocated after the
   * collection. What a leak shows up in, unlike {@link #heapUsedBytes()}. With the serial collector a full collection
   * may leave up to {@code -XX:MarkSweepDeadRatio} percent of the old generation as dead space (counted as used);
   * {@code 0} makes the reading exact. Empty when jcmd or jstat is missing or the process is gone.
   */
  public OptionalLong liveHeapBytes() {
    try {
      Process gc = new ProcessBuilder(jdkTool("jcmd"), String.valueOf(process.pid()), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
        gc.destroyForcibly();
        return OptionalLong.empty();
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
    return jstatSum(List.of("S0U", "S1U", "OU"));
  }

  // the tools of the JDK running the harness, which started the services
  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private OptionalLong jstatSum(List<String> columns) {
    try {
      Process p = new ProcessBuilder(jdkTool("jstat"), "-gc", String.valueOf(process.pid())).redirectErrorStream(true)
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
        if (columns.contains(names[i])) {
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

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }
}
