package io.neoinfra.deploycheck;

import java.util.LinkedHashMap;
import java.util.Map;

/** deploy/prometheus/agreed-metrics.txt: the metric names the services expose, with who exposes each. */
record AgreedMetrics(Map<String, String> exposedBy) {

  static final String FILE = "deploy/prometheus/agreed-metrics.txt";

  static AgreedMetrics load() {
    Map<String, String> names = new LinkedHashMap<>();
    for (String line : Repo.text(FILE).split("\n")) {
      String content = line.replaceFirst("#.*", "").trim();
      if (!content.isEmpty()) {
        String[] parts = content.split("\\s+");
        names.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return new AgreedMetrics(Map.copyOf(names));
  }

  boolean contains(String name) {
    return exposedBy.containsKey(name);
  }
}
