package io.neoinfra.bench.platform;

import io.neoinfra.bench.report.BenchmarkReport;
import io.neoinfra.bench.worker.FleetBenchmark;
import io.neoinfra.harness.fleet.TenantFleet;
import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tenant schemas × 5 migrations on the local PostgreSQL, end to end: the schemas registered through the gateway
 * (one shared database per fleet, one tenant per schema), one {@code POST /api/v1/migrations/dynamic} for the
 * fleet's region with a real JWT, polled until COMPLETED, with broker, processor, worker(s) and gateway each a
 * process of its own. In the same run, on databases of their own: (a) a sequential loop of stock Flyway
 * {@code migrate} in one JVM and (b) the same SQL over plain JDBC with the workers' total parallelism (the floor),
 * both from {@link FleetBenchmark}. The cost curve is the time per target at each fleet size.
 *
 * <p>Arguments: {@code [compareTargets=1000] [curve=100,1000,5000] [workerConcurrency=8] [workers=1]}. Every
 * database is dropped at the end.
 */
public final class FleetE2eBenchmark {

  private FleetE2eBenchmark() {}

  /**
   * @param compareTargets the size at which the three ways are compared
   * @param curve fleet sizes migrated end to end; {@code compareTargets} is one of them in any case
   * @param warmUpTargets schemas of the unmeasured first round of each way
   */
  public record Settings(int compareTargets, List<Integer> curve, int warmUpTargets) {

    public Settings {
      TreeSet<Integer> sizes = new TreeSet<>(curve);
      sizes.add(compareTargets);
      curve = List.copyOf(sizes);
    }
  }

  public static void main(String[] args) throws Exception {
    int compare = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    List<Integer> curve = args.length > 1 ? Arrays.stream(args[1].split(",")).map(Integer::parseInt).toList()
        : List.of(100, 1000, 5000);
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int workers = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path repoRoot = Path.of(System.getProperty("neo.repo.root", "."));
    Map<String, Number> metrics;
    try (Platform platform = Platform.start(PlatformSettings.of(repoRoot, workers, concurrency, true))) {
      metrics = measure(platform, LocalDatabaseServer.postgres(), new Settings(compare, curve, 20));
    }
    BenchmarkReport.of("fleet-e2e", "./neo bench fleet-e2e " + String.join(" ", args), metrics).publish(repoRoot);
    System.exit(0);
  }

  public static Map<String, Number> measure(Platform platform, LocalDatabaseServer postgres, Settings settings)
      throws Exception {
    int slots = platform.settings().totalSlots();
    // Warm-up: JIT and connection pools of every service and of the baselines' paths.
    try (TenantFleet warm = TenantFleet.register(platform, postgres, "e2e_warm", settings.warmUpTargets());
        TestDatabase baselines = postgres.createDatabase("neo_e2e_warm_base")) {
      require(warm, warm.migrate());
      int warmUp = settings.warmUpTargets();
      FleetBenchmark.sequentialFlyway(baselines, FleetBenchmark.createSchemas(baselines, "a", warmUp));
      FleetBenchmark.jdbcFloor(baselines, FleetBenchmark.createSchemas(baselines, "b", warmUp), slots);
    }

    Map<Integer, Long> e2eMs = new LinkedHashMap<>();
    for (int size : settings.curve()) {
      try (TenantFleet fleet = TenantFleet.register(platform, postgres, "e2e_" + size, size)) {
        TenantFleet.Outcome outcome = fleet.migrate();
        require(fleet, outcome);
        e2eMs.put(size, outcome.millis());
        System.out.printf("end to end: %d targets in %d ms (%.4f s per target)%n", size, outcome.millis(),
            outcome.millis() / 1000.0 / size);
      }
    }

    int targets = settings.compareTargets();
    long flywayMs;
    long jdbcMs;
    try (TestDatabase loopDb = postgres.createDatabase("neo_e2e_loop");
        TestDatabase jdbcDb = postgres.createDatabase("neo_e2e_jdbc")) {
      List<String> loopSchemas = FleetBenchmark.createSchemas(loopDb, "tenant", targets);
      List<String> jdbcSchemas = FleetBenchmark.createSchemas(jdbcDb, "tenant", targets);
      jdbcMs = FleetBenchmark.jdbcFloor(jdbcDb, jdbcSchemas, slots);
      System.out.printf("jdbc floor: %d targets, %d threads, in %d ms%n", targets, slots, jdbcMs);
      flywayMs = FleetBenchmark.sequentialFlyway(loopDb, loopSchemas);
      System.out.printf("sequential flyway: %d targets in %d ms%n", targets, flywayMs);
    }

    long endToEnd = e2eMs.get(targets);
    Map<String, Number> metrics = new LinkedHashMap<>();
    metrics.put("targets", targets);
    metrics.put("migrations_per_target", 5);
    metrics.put("workers", platform.settings().workers());
    metrics.put("worker_concurrency", platform.settings().workerConcurrency());
    metrics.put("end_to_end_ms", endToEnd);
    metrics.put("sequential_flyway_ms", flywayMs);
    metrics.put("jdbc_floor_ms", jdbcMs);
    metrics.put("speedup_vs_sequential_flyway", (double) flywayMs / endToEnd);
    metrics.put("slowdown_vs_jdbc_floor", (double) endToEnd / jdbcMs);
    e2eMs.forEach((size, ms) -> metrics.put("seconds_per_target_at_" + size, ms / 1000.0 / size));
    metrics.put("load_average_at_end", FleetBenchmark.loadAverage());
    return metrics;
  }

  /** The execution must be COMPLETED with every target at version 5, or the figure means nothing. */
  static void require(TenantFleet fleet, TenantFleet.Outcome outcome) throws Exception {
    int atVersion = fleet.schemasAtVersionCount(5);
    if (!outcome.completed() || outcome.count("SUCCEEDED") != fleet.size() || atVersion != fleet.size()) {
      throw new IllegalStateException("execution " + outcome.id() + " ended " + outcome.status() + " with "
          + outcome.count("SUCCEEDED") + "/" + fleet.size() + " targets succeeded and " + atVersion
          + " schemas at version 5: " + TenantFleet.failures(outcome.view()));
    }
  }
}
