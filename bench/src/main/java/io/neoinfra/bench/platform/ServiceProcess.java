package io.neoinfra.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the platform running as its own JVM ({@code java -cp <module classes>:<module classpath.txt>}, as
 * {@code ./neo} runs it), its output in a log file, its resident memory read from {@code /proc/<pid>/status}.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ServiceProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} on {@code classpath} (see {@link #moduleClasspath}), with its output in
   * {@code <logDir>/<name>.log}.
   */
  public static ServiceProcess start(String name, String classpath, String mainClass, List<String> jvmOptions,
      List<String> args, Map<String, String> environment, Path logDir) {
    try {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      command.addAll(args);
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ServiceProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** A module's classes and its runtime classpath as the launcher build wrote it ({@code -Plauncher}, as ./neo). */
  public static String moduleClasspath(Path repoRoot, String module) {
    Path moduleDir = repoRoot.resolve(module);
    Path classpathFile = moduleDir.resolve("target/classpath.txt");
    try {
      return moduleDir.resolve("target/classes") + java.io.File.pathSeparator
          + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classpathFile + " (./mvnw -Plauncher -pl bench -am package"
          + " -DskipTests writes it; ./neo bench does that on first use)", e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Resident set size in MiB ({@code VmRSS}), or -1 when the process is gone. */
  public double rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
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

  /** Fails with the log's tail if the process has already exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log " + log + " ends:\n"
          + logTail(40));
    }
  }

  /** SIGTERM (each service closes cleanly on it), then SIGKILL after 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
