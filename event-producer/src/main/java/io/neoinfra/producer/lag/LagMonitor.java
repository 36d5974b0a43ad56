package io.neoinfra.producer.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples consumer groups and keeps a sliding window of samples per group, for the gateway (started once, read on
 * every request or metrics scrape) and for the CLI (sampled N times). Reads are safe from any thread; sampling runs on
 * one thread at a time.
 *
 * <pre>{@code
 * LagMonitor monitor = new LagMonitor(LagSettings.of("kafka:9092"), Set.of(), Clock.systemUTC());
 * monitor.start();                 // samples every settings.interval()
 * List<LagReport> reports = monitor.reports();
 * }</pre>
 */
public final class LagMonitor implements AutoCloseable {

  /** The latest sample of a group and the verdict on its window. */
  public record LagReport(GroupLag latest, GroupEvaluation evaluation) {}

  /** Why a sampling round failed, for the gateway's health and logs. */
  public record SamplingFailure(String groupId, LagException error) {}

  private final LagSettings settings;
  private final Set<String> groups;
  private final LagReader reader;
  private final LagEvaluator evaluator;
  private final Map<String, Deque<GroupLag>> windows = new ConcurrentHashMap<>();
  private final Map<String, SamplingFailure> failures = new ConcurrentHashMap<>();
  private final Object sampling = new Object();
  private ScheduledExecutorService scheduler;

  /**
   * @param groups the groups to watch; empty watches every consumer group, found anew at each sample
   */
  public LagMonitor(LagSettings settings, Collection<String> groups, Clock clock) {
    this(settings, groups, new LagReader(settings, clock), new LagEvaluator(clock, settings.windowAge()));
  }

  LagMonitor(LagSettings settings, Collection<String> groups, LagReader reader, LagEvaluator evaluator) {
    this.settings = settings;
    this.groups = Set.copyOf(new LinkedHashSet<>(groups));
    this.reader = reader;
    this.evaluator = evaluator;
  }

  /** Samples every {@link LagSettings#interval()} in the background until closed. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "neo-lag-monitor");
      thread.setDaemon(true);
      return thread;
    });
    long period = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes one sample of every watched group now and adds it to the windows.
   *
   * @throws LagException if Kafka cannot list the groups
   */
  public void sampleNow() {
    synchronized (sampling) {
      List<String> targets = groups.isEmpty() ? reader.consumerGroups() : List.copyOf(groups);
      for (String group : targets) {
        try {
          GroupLag sample = reader.read(group);
          Deque<GroupLag> window = windows.computeIfAbsent(group, g -> new ArrayDeque<>());
          synchronized (window) {
            window.addLast(sample);
            while (window.size() > settings.windowSize()) {
              window.removeFirst();
            }
          }
          failures.remove(group);
        } catch (LagException e) {
          failures.put(group, new SamplingFailure(group, e)); // one unreadable group must not hide the others
        }
      }
    }
  }

  private void sampleQuietly() {
    try {
      sampleNow();
    } catch (LagException e) {
      failures.put("*", new SamplingFailure("*", e));
    }
  }

  /** The latest sample and verdict of every group sampled so far, by group id. */
  public List<LagReport> reports() {
    List<LagReport> reports = new ArrayList<>();
    windows.keySet().stream().sorted().forEach(group -> report(group).ifPresent(reports::add));
    return reports;
  }

  /** The latest sample and verdict of one group, if it was sampled. */
  public Optional<LagReport> report(String groupId) {
    Deque<GroupLag> window = windows.get(groupId);
    if (window == null) {
      return Optional.empty();
    }
    List<GroupLag> samples;
    synchronized (window) {
      samples = List.copyOf(window);
    }
    if (samples.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new LagReport(samples.get(samples.size() - 1), evaluator.evaluate(groupId, samples)));
  }

  /** Groups whose last sampling failed ({@code *} when the groups could not even be listed). */
  public List<SamplingFailure> failures() {
    return List.copyOf(failures.values());
  }

  public Duration interval() {
    return settings.interval();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (sampling) {
      reader.close();
    }
  }
}
