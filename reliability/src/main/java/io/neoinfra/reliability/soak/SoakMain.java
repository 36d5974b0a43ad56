package io.neoinfra.reliability.soak;

import io.neoinfra.harness.platform.Platform;
import io.neoinfra.harness.platform.PlatformObserver;
import io.neoinfra.harness.platform.PlatformSettings;
import io.neoinfra.harness.process.ServiceProcess;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak: the whole platform as separate JVMs under a steady mix of lifecycle events and API reads for a while
 * (30 minutes by default), sampling every service's RSS, heap in use and consumer lag, and now and then its live
 * heap; writes {@code soak.csv}, {@code soak-memory.svg}, {@code soak-lag.svg} and {@code soak-verdict.txt}, and exits
 * 1 when RSS, live heap or lag grows without levelling off.
 *
 * <p>Heap in use is plotted but not judged: with the serial collector, objects that live a few minutes (a verified
 * token in the gateway's cache, a Kafka batch) are promoted and then die in the old generation, where they stay counted
 * until it fills, so heap in use climbs for as long as the old generation has room, leak or not. The live heap (after a
 * forced full collection) is what a leak would grow.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Steady mixed load on the platform; memory and lag sampled, plotted and judged.")
public final class SoakMain implements Callable<Integer> {

  @Option(names = "--minutes", defaultValue = "30", description = "how long the load runs (default ${DEFAULT-VALUE})")
  double minutes;

  @Option(names = "--sample-seconds", defaultValue = "5", description = "sampling interval (default ${DEFAULT-VALUE})")
  int sampleSeconds;

  @Option(names = "--live-heap-seconds", defaultValue = "60",
      description = "interval of the live-heap readings, each a forced full collection in every service"
          + " (default ${DEFAULT-VALUE})")
  int liveHeapSeconds;

  @Option(names = "--events-per-second", defaultValue = "1",
      description = "lifecycle events per second (default ${DEFAULT-VALUE})")
  double eventsPerSecond;

  @Option(names = "--reads-per-second", defaultValue = "10",
      description = "API reads per second (default ${DEFAULT-VALUE})")
  double readsPerSecond;

  @Option(names = "--seed", description = "seed of the event and read mix (default: random, printed)")
  Long seed;

  @Option(names = "--out", defaultValue = "reliability/results",
      description = "where the CSV, plots and verdict go (default ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--data-dir", description = "broker data, processor state and service logs (default: a temp dir)")
  Path dataDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SoakMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long actualSeed = seed == null ? new java.security.SecureRandom().nextLong() : seed;
    Path data = dataDir == null ? Files.createTempDirectory("neo-soak") : dataDir;
    System.out.printf("soak: %.1f min, %.1f events/s, %.1f reads/s, sample every %d s, seed %d, data %s%n", minutes,
        eventsPerSecond, readsPerSecond, sampleSeconds, actualSeed, data);
    List<Sample> samples = new ArrayList<>();
    Instant started;
    try (Platform platform = Platform.start(PlatformSettings.forFaultInjection(data).withWorkers(1));
        PlatformObserver observer = new PlatformObserver(platform.bootstrapServers(), platform.topics());
        LifecycleEventPublisher publisher = LifecycleEventPublisher.configure()
            .bootstrapServers(platform.bootstrapServers()).source(URI.create("/reliability-soak")).load();
        TestDatabase database = LocalDatabaseServer.postgres().createDatabase("rel_soak");
        Admin admin = Admin.create(adminProps(platform))) {
      GatewayClient api = new GatewayClient(platform.gatewayUrl(), () -> platform.issuer().issueToken("neo-reader"));
      ConsumerLag lag = new ConsumerLag(admin);
      try (SoakLoad load = new SoakLoad(publisher, api, observer, actualSeed)) {
        load.registerSharedDatabases(database);
        started = Instant.now();
        load.start(eventsPerSecond, readsPerSecond);
        Instant end = started.plus(Duration.ofMillis((long) (minutes * 60_000)));
        Instant next = started;
        Instant nextLiveHeap = started;
        while (Instant.now().isBefore(end)) {
          boolean liveHeap = !Instant.now().isBefore(nextLiveHeap);
          if (liveHeap) {
            nextLiveHeap = nextLiveHeap.plusSeconds(liveHeapSeconds);
          }
          samples.add(sample(platform, lag, load, started, liveHeap));
          Sample last = samples.get(samples.size() - 1);
          System.out.printf("soak: %6.0f s  rss %s  live heap %s  lag %s  events %d  reads %d  5xx %d  completed %d%n",
              last.elapsedSeconds(), rounded(last.rssMb()), rounded(last.liveHeapMb()), last.lag(),
              last.eventsPublished(), last.reads(), last.serverErrors(), last.executionsCompleted());
          next = next.plusSeconds(sampleSeconds);
          long wait = Duration.between(Instant.now(), next).toMillis();
          if (wait > 0) {
            Thread.sleep(wait); // the sampling clock: a fixed rate is the point here
          }
        }
        List<String> dead = platform.services().stream().filter(s -> !s.isAlive()).map(ServiceProcess::name).toList();
        return report(samples, actualSeed, load, dead);
      }
    }
  }

  private int report(List<Sample> samples, long actualSeed, SoakLoad load, List<String> dead) throws Exception {
    Files.createDirectories(out);
    String subtitle = String.format("(%.0f min, %.0f events/s, %.0f reads/s)", minutes, eventsPerSecond,
        readsPerSecond);
    SoakReport.writeCsv(out.resolve("soak.csv"), samples);
    SoakReport.writeMemoryPlot(out.resolve("soak-memory.svg"), samples, subtitle);
    SoakReport.writeLagPlot(out.resolve("soak-lag.svg"), samples, subtitle);
    if (samples.size() < 6) {
      System.out.println("soak: only " + samples.size() + " samples: too few to judge growth; run longer");
      return 1;
    }
    List<GrowthVerdict.SeriesVerdict> verdicts = GrowthVerdict.judgeAll(samples);
    boolean pass = verdicts.stream().allMatch(GrowthVerdict.SeriesVerdict::levelsOff) && dead.isEmpty()
        && load.serverErrors() == 0;
    List<String> lines = new ArrayList<>();
    lines.add(String.format("soak %s: %d samples over %.1f min, seed %d, events %d, reads %d, 5xx %d, gateway"
            + " unreachable %d, executions completed %d, services not alive at the end: %s", Instant.now(),
        samples.size(), samples.get(samples.size() - 1).elapsedSeconds() / 60, actualSeed, load.eventsPublished(),
        load.reads(), load.serverErrors(), load.unreachable(), load.executionsCompleted(), dead));
    verdicts.forEach(v -> lines.add(v.describe()));
    lines.add("verdict: " + (pass ? "PASS - no growth that does not level off" : "FAIL"));
    Files.write(out.resolve("soak-verdict.txt"), lines);
    lines.forEach(System.out::println);
    return pass ? 0 : 1;
  }

  private static Map<String, Long> rounded(Map<String, Double> mib) {
    return new TreeMap<>(mib.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.round(e.getValue()))));
  }

  private static Sample sample(Platform platform, ConsumerLag lag, SoakLoad load, Instant started,
      boolean withLiveHeap) {
    Map<String, Double> rss = new ConcurrentHashMap<>();
    Map<String, Double> heap = new ConcurrentHashMap<>();
    Map<String, Double> live = new ConcurrentHashMap<>();
    // jstat takes seconds on a loaded machine: ask every service at once
    platform.services().parallelStream().forEach(service -> {
      service.rssBytes().ifPresent(b -> rss.put(service.name(), b / 1048576.0));
      service.heapUsedBytes().ifPresent(b -> heap.put(service.name(), b / 1048576.0));
      if (withLiveHeap) {
        service.liveHeapBytes().ifPresent(b -> live.put(service.name(), b / 1048576.0));
      }
    });
    Map<String, Long> lags = Map.of(
        "processor", lag.of("neo-migration-processor"),
        "workers", lag.of("neo-migration-worker"));
    return new Sample(Duration.between(started, Instant.now()).toMillis() / 1000.0, rss, heap, live, lags,
        load.eventsPublished(), load.reads(), load.serverErrors(), load.executionsCompleted());
  }

  private static Properties adminProps(Platform platform) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    return props;
  }
}
