package io.neoinfra.worker.connections;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.neoinfra.schemas.connection.ValidConnection;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One small HikariCP pool per database (not per schema: every tenant schema of a shared database uses the same pool),
 * created on first use, closed when unused for the idle timeout, and closed early (least recently used first) when
 * opening another would exceed the global connection budget. Passwords live only in the pool's memory.
 */
public final class TargetPools implements AutoCloseable {

  /** What the pools are allowed to do. */
  public record PoolSettings(int maxSize, Duration idleTimeout, Duration connectionTimeout, int budget) {}

  private static final int CONNECTIONS_PER_TASK = 2;

  private final PoolSettings settings;
  private final TargetDataSources dataSources;
  private final TlsDriverProperties tls;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Pool> pools = new HashMap<>();
  private final ScheduledExecutorService evictor;
  private boolean closed;

  public TargetPools(PoolSettings settings, TargetDataSources dataSources, TlsDriverProperties tls, MeterRegistry meters,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings);
    this.dataSources = Objects.requireNonNull(dataSources);
    this.tls = Objects.requireNonNull(tls);
    this.meters = meters;
    this.clock = clock;
    this.evictor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "neo-worker-pool-evictor");
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1000, settings.idleTimeout().toMillis() / 4);
    evictor.scheduleWithFixedDelay(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * A lease on the target's database pool; close it when the task is done. {@code target} is what reaches the driver;
   * {@code declared} is the connection as the task carries it, for its TLS settings.
   *
   * @throws io.neoinfra.worker.failure.TaskFailureException when the target's TLS settings cannot be applied
   */
  public synchronized Lease lease(ValidConnection target, TargetConnection declared, String password) {
    if (closed) {
      throw new IllegalStateException("pools are closed");
    }
    Map<String, String> tlsProperties = tls.forTarget(declared);
    String key = databaseKey(target);
    Pool pool = pools.get(key);
    if (pool != null && !(Objects.equals(pool.password, password) && pool.tlsProperties.equals(tlsProperties))) {
      // The password was rotated or the TLS settings changed: new connections need the new ones; the old pool goes
      // once nobody uses it.
      retire(key, pool);
      pool = null;
    }
    if (pool == null) {
      makeRoom();
      pool = new Pool(open(target, password, tlsProperties), password, tlsProperties);
      pools.put(key, pool);
    }
    pool.leases++;
    pool.lastUsed = clock.instant();
    return new Lease(this, key, pool);
  }

  public synchronized int openPools() {
    return pools.size();
  }

  /** Identifies the database (not the schema): tenant schemas of one database share its pool. */
  static String databaseKey(ValidConnection target) {
    return target.engine().wireName() + "://" + target.host().map(h -> h.name()).orElse("") + ":" + target.port()
        + "/" + target.databaseName() + "?user=" + target.username();
  }

  private HikariDataSource open(ValidConnection target, String password, Map<String, String> tlsProperties) {
    HikariConfig config = dataSources.configure(target, password);
    // TLS: driver properties, never URL text (TlsDriverProperties).
    tlsProperties.forEach(config::addDataSourceProperty);
    config.setMaximumPoolSize(settings.maxSize());
    config.setMinimumIdle(0);
    config.setIdleTimeout(Math.max(10_000, settings.idleTimeout().toMillis()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // A database that is down must not fail pool creation: the task fails (retryably) when it asks for a connection.
    config.setInitializationFailTimeout(-1);
    config.setPoolName("neo-" + databaseKey(target).replaceAll("[^A-Za-z0-9_.:/@-]", "_"));
    if (meters != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    }
    return new HikariDataSource(config);
  }

  /**
   * Closes idle pools, least recently used first, while the open connections plus the two a new task needs would
   * exceed the budget. Leased pools are never closed; settings guarantee that running tasks alone fit the budget.
   */
  private void makeRoom() {
    List<Map.Entry<String, Pool>> idle = pools.entrySet().stream()
        .filter(e -> e.getValue().leases == 0)
        .sorted(Comparator.comparing(e -> e.getValue().lastUsed))
        .toList();
    for (Map.Entry<String, Pool> entry : idle) {
      if (openConnections() + CONNECTIONS_PER_TASK <= settings.budget()) {
        return;
      }
      pools.remove(entry.getKey());
      entry.getValue().dataSource.close();
    }
  }

  /** Physical connections open across all pools. */
  public synchronized int openConnections() {
    return pools.values().stream().mapToInt(p -> p.dataSource.getHikariPoolMXBean() == null ? 0
        : p.dataSource.getHikariPoolMXBean().getTotalConnections()).sum();
  }

  private void retire(String key, Pool pool) {
    pools.remove(key);
    pool.retired = true;
    if (pool.leases == 0) {
      pool.dataSource.close();
    }
  }

  synchronized void release(String key, Pool pool) {
    pool.leases--;
    pool.lastUsed = clock.instant();
    if ((pool.retired || closed) && pool.leases == 0) {
      pool.dataSource.close();
    }
  }

  private synchronized void evictIdle() {
    Instant cutoff = clock.instant().minus(settings.idleTimeout());
    pools.entrySet().removeIf(entry -> {
      Pool pool = entry.getValue();
      if (pool.leases == 0 && pool.lastUsed.isBefore(cutoff)) {
        pool.dataSource.close();
        return true;
      }
      return false;
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    evictor.shutdownNow();
    pools.values().stream().filter(p -> p.leases == 0).forEach(p -> p.dataSource.close());
    pools.clear();
  }

  static final class Pool {
    final HikariDataSource dataSource;
    final String password;
    final Map<String, String> tlsProperties;
    int leases;
    Instant lastUsed = Instant.EPOCH;
    boolean retired;

    Pool(HikariDataSource dataSource, String password, Map<String, String> tlsProperties) {
      this.dataSource = dataSource;
      this.password = password;
      this.tlsProperties = tlsProperties;
    }
  }

  /** A task's use of a pool. */
  public static final class Lease implements AutoCloseable {
    private final TargetPools owner;
    private final String key;
    private final Pool pool;
    private boolean released;

    Lease(TargetPools owner, String key, Pool pool) {
      this.owner = owner;
      this.key = key;
      this.pool = pool;
    }

    public HikariDataSource dataSource() {
      return pool.dataSource;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        owner.release(key, pool);
      }
    }
  }
}
