package io.neoinfra.bench.platform;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.bench.worker.FleetBenchmark;
import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.testsupport.LocalDatabaseServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * N tenant schemas migrated to version 5 and rolled back with {@code flyway_undo}, through the gateway ({@code POST
 * /api/v1/migrations/dynamic}, then {@code POST …/executions/{id}/rollback}), repeated for several rounds on the
 * same schemas. A target's rollback succeeds when its rollback task SUCCEEDED and its schema's history is empty
 * afterwards (the undo scripts ran and their rows were removed). Every failure is printed with its reason.
 *
 * <p>Arguments: {@code [targets=1000] [rounds=3] [workerConcurrency=8]}. The database is dropped at the end.
 */
public final class RollbackBenchmark {

  private RollbackBenchmark() {}

  public static void main(String[] args) throws Exception {
    int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    Map<String, Number> metrics;
    try (Platform platform = Platform.start(PlatformSettings.of(repoRoot, 1, concurrency, true))) {
      metrics = measure(platform, LocalDatabaseServer.postgres(), targets, rounds);
    }
    BenchmarkReport.of("rollback", "./neo bench rollback " + String.join(" ", args), metrics).publish(repoRoot);
    System.exit(0);
  }

  public static Map<String, Number> measure(Platform platform, LocalDatabaseServer postgres, int targets, int rounds)
      throws Exception {
    long migrateMs = 0;
    long rollbackMs = 0;
    int succeeded = 0;
    int roundsRun = 0;
    List<String> failures = new ArrayList<>();
    try (TenantFleet fleet = TenantFleet.register(platform, postgres, "rollback", targets)) {
      for (int round = 1; round <= rounds; round++) {
        roundsRun = round;
        String label = "round " + round + ": ";
        TenantFleet.Outcome migration = fleet.migrate();
        FleetE2eBenchmark.require(fleet, migration);
        migrateMs += migration.millis();

        TenantFleet.Outcome rollback = fleet.rollback(migration.id());
        rollbackMs += rollback.millis();
        int undone = fleet.schemasAtVersionCount(0);
        int ok = Math.min(rollback.count("SUCCEEDED"), undone);
        succeeded += ok;
        System.out.printf("round %d: migrated %d targets in %d ms; rollback %s %s in %d ms, %d targets SUCCEEDED,"
            + " %d schemas with an empty history%n", round, targets, migration.millis(), rollback.id(),
            rollback.status(), rollback.millis(), rollback.count("SUCCEEDED"), undone);
        if (ok < targets) {
          List<String> why = TenantFleet.failures(rollback.view());
          if (undone < rollback.count("SUCCEEDED")) {
            why.add((rollback.count("SUCCEEDED") - undone) + " targets reported SUCCEEDED but their schema still has"
                + " history rows");
          }
          why.forEach(line -> failures.add(label + line));
          if (undone != targets) {
            break; // the next round's migration would start from another state: stop and report
          }
        }
      }
    }
    failures.forEach(line -> System.out.println("failure: " + line));
    int attempted = targets * roundsRun;
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("targets", targets);
    metrics.put("rounds", roundsRun);
    metrics.put("success_rate", (double) succeeded / attempted);
    metrics.put("seconds", rollbackMs / 1000.0);
    metrics.put("rollback_seconds_per_round", rollbackMs / 1000.0 / roundsRun);
    metrics.put("migrate_seconds_per_round", migrateMs / 1000.0 / roundsRun);
    metrics.put("failures", attempted - succeeded);
    metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
    return metrics;
  }
}
