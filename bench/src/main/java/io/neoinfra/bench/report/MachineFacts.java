package io.neoinfra.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What a benchmark row says about where it ran: cores, memory, CPU model, JVM, and the commit. */
final class MachineFacts {

  private MachineFacts() {}

  static String describe() {
    int cores = Runtime.getRuntime().availableProcessors();
    return cores + " cores, " + memoryGiB() + " GiB, " + cpuModel() + ", JDK " + System.getProperty("java.version");
  }

  static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) {
        String dirty = isDirty() ? "+dirty" : "";
        return out + dirty;
      }
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "unknown";
  }

  private static boolean isDirty() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    git.waitFor(10, TimeUnit.SECONDS);
    return !out.isEmpty();
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(System.getProperty("os.arch"));
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static long memoryGiB() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024))
          .findFirst().orElse(0L);
    } catch (IOException e) {
      return 0;
    }
  }
}
