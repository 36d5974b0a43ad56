package io.neoinfra.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.tasks.TargetConnection;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetPoolsTest {

  private static final TlsDriverProperties NO_TLS = new TlsDriverProperties(TrustBundles.none(), Optional.empty());

  @Test
  void schemasOfOneDatabaseShareOnePool() throws Exception {
    try (TargetPools pools = new TargetPools(settings(8), NO_TLS, null, Clock.systemUTC())) {
      String db = "mem:shared_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
      try (TargetPools.Lease a = pools.lease(h2(db, "tenant_a"), null);
          TargetPools.Lease b = pools.lease(h2(db, "tenant_b"), null)) {
        assertThat(a.dataSource()).isSameAs(b.dataSource());
        assertThat(pools.openPools()).isEqualTo(1);
      }
    }
  }

  @Test
  void closesTheLeastRecentlyUsedIdlePoolWhenANewOneWouldExceedTheBudget() throws Exception {
    try (TargetPools pools = new TargetPools(settings(2), NO_TLS, null, Clock.systemUTC())) {
      // given: one pool with an open idle connection, which uses the whole budget with the next task's two
      try (TargetPools.Lease first = pools.lease(h2("mem:first_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null),
          null); Connection ignored = first.dataSource().getConnection()) {
        assertThat(pools.openConnections()).isEqualTo(1);
      }

      // when: a task needs another database
      try (TargetPools.Lease second = pools.lease(
          h2("mem:second_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null), null)) {
        // then: the idle pool was closed to make room
        assertThat(pools.openPools()).isEqualTo(1);
        assertThat(second.dataSource().isClosed()).isFalse();
      }
    }
  }

  private static TargetPools.PoolSettings settings(int budget) {
    return new TargetPools.PoolSettings(2, Duration.ofSeconds(60), Duration.ofSeconds(5), budget);
  }

  private static TargetConnection h2(String database, String schema) {
    return new TargetConnection(Engine.H2, null, null, database, schema, "sa", null);
  }
}
