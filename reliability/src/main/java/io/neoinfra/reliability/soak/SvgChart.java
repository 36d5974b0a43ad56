package io.neoinfra.reliability.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as plain SVG: no plotting library and no OS package needed to reproduce the soak's plots.
 * Axes start at zero, with five ticks each; one colour per series, solid, dashed or dotted.
 */
public final class SvgChart {

  /** How a line is drawn. */
  public enum Stroke {
    SOLID(""), DASHED(" stroke-dasharray=\"5,3\""), DOTTED(" stroke-dasharray=\"1.5,3\"");

    private final String attribute;

    Stroke(String attribute) {
      this.attribute = attribute;
    }
  }

  /**
   * One line: its name in the legend, its points (a point whose value is not finite is left out: a sparse series is
   * drawn through the points it has), its stroke, and its colour (an index).
   */
  public record Series(String name, List<double[]> points, Stroke stroke, int colour) {}

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
      "#e377c2", "#17becf"};
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 230;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();

  public SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public SvgChart add(Series line) {
    series.add(line);
    return this;
  }

  public String render() {
    double maxX = max(0);
    double maxY = max(1) * 1.1;
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
    for (int i = 0; i <= 5; i++) {
      double y = TOP + plotH - plotH * i / 5;
      double x = LEFT + plotW * i / 5;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, y, LEFT + plotW, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
          y + 4, tick(maxY * i / 5)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
          TOP + (int) plotH + 18, tick(maxX * i / 5)));
    }
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
        + " stroke=\"#333\"/>%n", LEFT, TOP, plotW, plotH));
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + plotW / 2, HEIGHT - 10, escape(xLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16"
        + " %.1f)\">%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(yLabel)));
    for (int i = 0; i < series.size(); i++) {
      Series line = series.get(i);
      String colour = COLOURS[line.colour() % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (double[] p : line.points()) {
        if (Double.isFinite(p[1])) {
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (maxX == 0 ? 0 : p[0] / maxX * plotW),
              TOP + plotH - (maxY == 0 ? 0 : p[1] / maxY * plotH)));
        }
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s points=\"%s\"/>%n",
          colour, line.stroke().attribute, points.toString().trim()));
      double ly = TOP + 10 + i * 18;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
          + " stroke-width=\"2\"%s/>%n", LEFT + plotW + 12, ly, LEFT + plotW + 40, ly, colour,
          line.stroke().attribute));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", LEFT + plotW + 46, ly + 4,
          escape(line.name())));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private double max(int axis) {
    return series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[axis]).filter(Double::isFinite)
        .max().orElse(1);
  }

  private static String tick(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
