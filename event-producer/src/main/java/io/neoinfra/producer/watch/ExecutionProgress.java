package io.neoinfra.producer.watch;

import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import io.neoinfra.schemas.executions.TargetStatus;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns successive views of an execution into terminal lines: a progress bar with counts per target state, each
 * failed target once, as it fails, and a final summary. Keeps which failures it has already shown.
 */
public final class ExecutionProgress {

  private static final int BAR_WIDTH = 30;

  private final Set<String> reportedFailures = new HashSet<>();

  /** The lines to print for this view: new failures first, then the progress line. */
  public List<String> linesFor(ExecutionView view) {
    List<String> lines = new java.util.ArrayList<>();
    for (TargetState target : view.targets()) {
      if (target.status() == TargetStatus.FAILED && reportedFailures.add(target.targetId())) {
        lines.add("  ✗ " + target.targetId() + ": " + describeError(target));
      }
    }
    lines.add(progressLine(view));
    return lines;
  }

  static String progressLine(ExecutionView view) {
    int filled = Math.min(BAR_WIDTH, view.progressPercent() * BAR_WIDTH / 100);
    String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
    String counts = Arrays.stream(TargetStatus.values())
        .filter(s -> view.counts().getOrDefault(s, 0) > 0)
        .map(s -> s.name().toLowerCase(Locale.ROOT) + "=" + view.counts().get(s))
        .collect(Collectors.joining(" "));
    return String.format(Locale.ROOT, "[%s] %3d%% %-9s %s", bar, view.progressPercent(), view.status(),
        counts.isEmpty() ? "no targets" : counts);
  }

  /** The closing summary of a finished (or abandoned) watch. */
  public static String summary(ExecutionView view) {
    String duration = view.startedAt() != null && view.completedAt() != null
        ? " in " + java.time.Duration.between(view.startedAt(), view.completedAt()).toMillis() / 1000.0 + " s"
        : "";
    return "execution " + view.id() + " " + view.status() + duration + ": " + view.targets().size() + " targets, "
        + view.counts().getOrDefault(TargetStatus.SUCCEEDED, 0) + " succeeded, "
        + view.counts().getOrDefault(TargetStatus.FAILED, 0) + " failed, "
        + view.counts().getOrDefault(TargetStatus.SKIPPED, 0) + " skipped"
        + (view.reason() == null ? "" : " (" + view.reason() + ")");
  }

  private static String describeError(TargetState target) {
    if (target.error() == null) {
      return "failed";
    }
    var error = target.error();
    String where = error.script() == null ? "" : " in " + error.script() + (error.line() == null ? "" : ":" + error.line());
    return error.kind().wireName() + where + ": " + error.message();
  }
}
