package io.neoinfra.reliability.soak;

import io.neoinfra.harness.platform.PlatformObserver;
import io.neoinfra.producer.publish.DatabaseConnection;
import io.neoinfra.producer.publish.LifecycleEventPublisher;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.testsupport.GatewayClient;
import io.neoinfra.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's steady load: lifecycle events at a fixed rate (mostly tenants created with auto-migrate, each a real
 * schema migrated by the workers; some re-migrations of a steady region of five tenants; some tenants deleted) and API reads at a fixed
 * rate (status, execution list, one execution, connections).
 */
final class SoakLoad implements AutoCloseable {

  private static final int STEADY_TENANTS = 5;

  private final LifecycleEventPublisher publisher;
  private final GatewayClient api;
  private final PlatformObserver observer;
  private final String region;
  private final String sharedId;
  private final String steadyRegion;
  private final Random random;
  private final Random readRandom;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<String> tenants = new ArrayList<>();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong unreachable = new AtomicLong();

  SoakLoad(LifecycleEventPublisher publisher, GatewayClient api, PlatformObserver observer, long seed) {
    this.publisher = publisher;
    this.api = api;
    this.observer = observer;
    this.random = new Random(seed);
    this.readRandom = new Random(seed + 1);
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    this.region = "soak-" + run;
    this.sharedId = "soak-" + run + "-shared";
    this.steadyRegion = "soak-" + run + "-steady";
  }

  /**
   * Registers the shared database of the growing region and, in the same database, a steady region of
   * {@value #STEADY_TENANTS} tenants that the load re-migrates now and then.
   */
  void registerSharedDatabases(TestDatabase database) throws Exception {
    publisher.databaseCreated(new DatabaseConnection(sharedId, database.databaseName(), ConnectionType.SHARED, region,
        Engine.POSTGRESQL, database.host(), database.port(), database.username(), null, false, null, null),
        Priority.HIGH).get(60, TimeUnit.SECONDS);
    publisher.databaseCreated(new DatabaseConnection(sharedId + "-steady", database.databaseName(),
        ConnectionType.SHARED, steadyRegion, Engine.POSTGRESQL, database.host(), database.port(), database.username(),
        null, false, null, null), Priority.HIGH).get(60, TimeUnit.SECONDS);
    for (int i = 0; i < STEADY_TENANTS; i++) {
      String tenant = sharedId.replace("-shared", "") + "-steady" + i;
      publisher.tenantCreated(new TenantCreated(tenant, null, steadyRegion, TenantIsolation.SCHEMA,
          tenant.replace('-', '_'), null, true, null), Priority.NORMAL).get(60, TimeUnit.SECONDS);
    }
  }

  String sharedId() {
    return sharedId;
  }

  void start(double eventsPerSecond, double readsPerSecond) {
    scheduler.scheduleAtFixedRate(this::safeEvent, 0, Math.round(1_000_000 / eventsPerSecond), TimeUnit.MICROSECONDS);
    scheduler.scheduleAtFixedRate(this::safeRead, 0, Math.round(1_000_000 / readsPerSecond), TimeUnit.MICROSECONDS);
  }

  private void safeEvent() {
    try {
      event();
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: count it and go on
      System.err.println("soak: publishing failed: " + e);
    }
  }

  private void event() {
    int dice = random.nextInt(100);
    if (dice < 80 || tenants.size() < 10) {
      String tenant = sharedId.replace("-shared", "") + "-t" + tenants.size();
      String schema = tenant.replace('-', '_');
      tenants.add(tenant);
      publisher.tenantCreated(new TenantCreated(tenant, null, region, TenantIsolation.SCHEMA, schema, null, true,
          null), Priority.NORMAL);
    } else if (dice < 90) {
      // The steady region's few tenants again: constant work per request (an overlapping one is REJECTED, fine).
      publisher.migrationRequested(new MigrationRequested("soak-" + UUID.randomUUID(), Scope.TENANT,
          List.of(steadyRegion), null, null, false, Priority.LOW, false, null, null, null, "soak", null),
          Priority.LOW);
    } else {
      // the oldest tenant goes away; its schema stays (the platform never drops data)
      String gone = tenants.remove(0);
      publisher.tenantDeleted(gone, Priority.LOW);
    }
    events.incrementAndGet();
  }

  private void safeRead() {
    try {
      int status = read().status();
      reads.incrementAndGet();
      if (status >= 500) {
        serverErrors.incrementAndGet();
      }
    } catch (GatewayClient.GatewayUnreachableException e) {
      unreachable.incrementAndGet();
    } catch (RuntimeException e) {
      System.err.println("soak: read failed: " + e);
    }
  }

  private GatewayClient.Response read() {
    return switch (readRandom.nextInt(4)) {
      case 0 -> api.get("/api/v1/migrations/status");
      case 1 -> api.get("/api/v1/migrations/executions?limit=20");
      case 2 -> api.get("/api/v1/databases/connections?region=" + region);
      default -> observer.executions().keySet().stream().findAny()
          .map(id -> api.get("/api/v1/migrations/executions/" + id))
          .orElseGet(() -> api.get("/api/v1/migrations/status"));
    };
  }

  long eventsPublished() {
    return events.get();
  }

  long reads() {
    return reads.get();
  }

  long serverErrors() {
    return serverErrors.get();
  }

  long unreachable() {
    return unreachable.get();
  }

  long executionsCompleted() {
    return observer.executions().values().stream().filter(v -> v.status() == ExecutionStatus.COMPLETED).count();
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(30, TimeUnit.SECONDS);
  }
}
