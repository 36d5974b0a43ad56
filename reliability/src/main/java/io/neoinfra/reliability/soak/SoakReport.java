package io.neoinfra.reliability.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the soak's samples as CSV and two SVG plots (memory, lag), and the verdict as text. */
final class SoakReport {

  private SoakReport() {}

  static void writeCsv(Path file, List<Sample> samples) throws IOException {
    List<String> services = samples.get(0).rssMb().keySet().stream().sorted().toList();
    List<String> groups = samples.get(0).lag().keySet().stream().sorted().toList();
    List<String> lines = new ArrayList<>();
    StringBuilder header = new StringBuilder("elapsed_s");
    services.forEach(s -> header.append(",").append(s).append("_rss_mb,").append(s).append("_heap_mb,").append(s)
        .append("_live_heap_mb"));
    groups.forEach(g -> header.append(",lag_").append(g));
    header.append(",events_published,reads,server_errors,executions_completed");
    lines.add(header.toString());
    for (Sample sample : samples) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%.1f", sample.elapsedSeconds()));
      for (String s : services) {
        row.append(String.format(Locale.ROOT, ",%.1f,%.1f,%s", sample.rssMb().getOrDefault(s, Double.NaN),
            sample.heapMb().getOrDefault(s, Double.NaN), sample.liveHeapMb().containsKey(s)
                ? String.format(Locale.ROOT, "%.1f", sample.liveHeapMb().get(s)) : ""));
      }
      groups.forEach(g -> row.append(",").append(sample.lag().getOrDefault(g, -1L)));
      row.append(",").append(sample.eventsPublished()).append(",").append(sample.reads()).append(",")
          .append(sample.serverErrors()).append(",").append(sample.executionsCompleted());
      lines.add(row.toString());
    }
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }

  static void writeMemoryPlot(Path file, List<Sample> samples, String subtitle) throws IOException {
    SvgChart chart = new SvgChart("Soak: memory (solid RSS, dashed heap in use, dotted live heap) " + subtitle,
        "minutes", "MiB");
    List<String> services = samples.get(0).rssMb().keySet().stream().sorted().toList();
    for (int i = 0; i < services.size(); i++) {
      String service = services.get(i);
      chart.add(new SvgChart.Series(service + " RSS", points(samples, s -> s.rssMb().getOrDefault(service,
          Double.NaN)), SvgChart.Stroke.SOLID, i));
      chart.add(new SvgChart.Series(service + " heap", points(samples, s -> s.heapMb().getOrDefault(service,
          Double.NaN)), SvgChart.Stroke.DASHED, i));
      chart.add(new SvgChart.Series(service + " live", points(samples, s -> s.liveHeapMb().getOrDefault(service,
          Double.NaN)), SvgChart.Stroke.DOTTED, i));
    }
    Files.writeString(file, chart.render());
  }

  static void writeLagPlot(Path file, List<Sample> samples, String subtitle) throws IOException {
    SvgChart chart = new SvgChart("Soak: consumer lag per group " + subtitle, "minutes", "records");
    List<String> groups = samples.get(0).lag().keySet().stream().sorted().toList();
    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i);
      chart.add(new SvgChart.Series(group, points(samples, s -> (double) s.lag().getOrDefault(group, 0L)),
          SvgChart.Stroke.SOLID, i));
    }
    Files.writeString(file, chart.render());
  }

  private static List<double[]> points(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
    return samples.stream().map(s -> new double[] {s.elapsedSeconds() / 60, value.applyAsDouble(s)}).toList();
  }
}
