package io.neoinfra.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.connection.NetworkPolicy;
import io.neoinfra.schemas.connection.ValidConnection;
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
  private static final TargetDataSources IN_MEMORY_H2 = new TargetDataSources(
      new TargetAccess(true, Optional.empty(), NetworkPolicy.defaults()), Duration.ofSeconds(5));

  @Test
  void schemasOfOneDatabaseShareOnePool() throws Exception {
    try (TargetPools pools = new TargetPools(settings(8), IN_MEMORY_H2, NO_TLS, null, Clock.systemUTC())) {
      String db = "shared_" + UUID.randomUUID().toString().replace("-", "");
      try (TargetPools.Lease a = lease(pools, db, "tenant_a");
          TargetPools.Lease b = lease(pools, db, "tenant_b")) {
        assertThat(a.dataSource()).isSameAs(b.dataSource());
        assertThat(pools.openPools()).isEqualTo(1);
      }
    }
  }

  @Test
  void closesTheLeastRecentlyUsedIdlePoolWhenANewOneWouldExceedTheBudget() throws Exception {
    try (TargetPools pools = new TargetPools(settings(2), IN_MEMORY_H2, NO_TLS, null, Clock.systemUTC())) {
      // given: one pool with an open idle connection, which uses the whole budget with the next task's two
      try (TargetPools.Lease first = lease(pools, "first_" + UUID.randomUUID().toString().replace("-", ""), null); Connection ignored = first.dataSource().getConnection()) {
        assertThat(pools.openConnections()).isEqualTo(1);
      }

      // when: a task needs another database
      try (TargetPools.Lease second = lease(pools,
          "second_" + UUID.randomUUID().toString().replace("-", ""), null)) {
        // then: the idle pool was closed to make room
        assertThat(pools.openPools()).isEqualTo(1);
        assertThat(second.dataSource().isClosed()).isFalse();
      }
    }
  }

  private static TargetPools.PoolSettings settings(int budget) {
    return new TargetPools.PoolSettings(2, Duration.ofSeconds(60), Duration.ofSeconds(5), budget);
  }

  private static TargetPools.Lease lease(TargetPools pools, String database, String schema) {
    TargetConnection declared = new TargetConnection(Engine.H2, null, null, database, schema, "sa", null);
    ValidConnection valid = ((ConnectionCheck.Valid) ConnectionRules.check(declared)).connection();
    return pools.lease(valid, declared, null);
  }
}
