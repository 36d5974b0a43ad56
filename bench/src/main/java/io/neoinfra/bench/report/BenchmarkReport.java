package io.neoinfra.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The figures of one benchmark run, written the same way by every benchmark: printed as the last lines of its output,
 * as {@code bench/results/<benchmark>.json} ({@code {"benchmark", "date", "commit", "machine", "command",
 * "metrics"}}) and as a row of BENCHMARKS.md, so that runs can be compared across commits by a script.
 */
public record BenchmarkReport(
    String benchmark, Instant date, String commit, String machine, String command, Map<String, Number> metrics) {

  public BenchmarkReport {
    Objects.requireNonNull(benchmark, "benchmark");
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A report stamped with this machine, the checkout's commit and now. */
  public static BenchmarkReport of(String benchmark, String command, Map<String, Number> metrics) {
    return new BenchmarkReport(benchmark, Instant.now().truncatedTo(ChronoUnit.SECONDS), MachineFacts.commit(),
        MachineFacts.describe(), command, metrics);
  }

  public String toJson() {
    String metricsJson = metrics.entrySet().stream()
        .map(e -> "    " + quote(e.getKey()) + ": " + number(e.getValue()))
        .collect(Collectors.joining(",\n"));
    return "{\n"
        + "  \"benchmark\": " + quote(benchmark) + ",\n"
        + "  \"date\": " + quote(date.toString()) + ",\n"
        + "  \"commit\": " + quote(commit) + ",\n"
        + "  \"machine\": " + quote(machine) + ",\n"
        + "  \"command\": " + quote(command) + ",\n"
        + "  \"metrics\": {\n" + metricsJson + "\n  }\n"
        + "}\n";
  }

  public String markdownRow() {
    String figures = metrics.entrySet().stream()
        .map(e -> e.getKey() + "=" + number(e.getValue()))
        .collect(Collectors.joining(", "));
    return "| " + benchmark + " | " + date + " | " + commit + " | " + machine + " | `" + command + "` | " + figures + " |";
  }

  /**
   * Prints the figures, then writes the JSON file and appends the BENCHMARKS.md row under {@code repoRoot}, or under
   * the directory of the {@code neo.bench.output} system property when set (smoke runs, {@code bench/run-all
   * --quick}, keep their figures out of the committed results).
   */
  public void publish(Path repoRoot) {
    String output = System.getProperty(OUTPUT_PROPERTY);
    write(output == null || output.isBlank() ? repoRoot : Path.of(output));
  }

  /** Where smoke runs write their results instead of the checkout's. */
  public static final String OUTPUT_PROPERTY = "neo.bench.output";

  private void write(Path repoRoot) {
    System.out.println();
    System.out.println("== " + benchmark + " ==");
    metrics.forEach((name, value) -> System.out.println(name + " = " + number(value)));
    try {
      Path results = repoRoot.resolve("bench/results");
      Files.createDirectories(results);
      Files.writeString(results.resolve(benchmark + ".json"), toJson(), StandardCharsets.UTF_8);
      Path table = repoRoot.resolve("BENCHMARKS.md");
      if (!Files.exists(table)) {
        Files.writeString(table, BenchmarksTable.HEADER, StandardCharsets.UTF_8);
      }
      BenchmarksTable.append(table, markdownRow());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results of " + benchmark, e);
    }
  }

  private static String number(Number value) {
    if (value instanceof Double || value instanceof Float) {
      return String.format(Locale.ROOT, "%.3f", value.doubleValue());
    }
    return value.toString();
  }

  private static String quote(String value) {
    return "\"" + (value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
  }

  static final class BenchmarksTable {
    static final String HEADER = """
        # Benchmarks

        Every row is written by the benchmark itself (`bench/…`, see bench/README.md); the same figures are in
        `bench/results/<benchmark>.json`. Ratios are measured within one run, since these machines are noisy.

        ## Results

        | benchmark | date | commit | machine | command | figures |
        |---|---|---|---|---|---|
        """;

    private BenchmarksTable() {}

    /** Appends the row at the end of the results table (the table is the file's last block). */
    static void append(Path table, String row) throws IOException {
      String text = Files.readString(table, StandardCharsets.UTF_8);
      String separator = text.endsWith("\n") ? "" : "\n";
      Files.writeString(table, separator + row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }
}
