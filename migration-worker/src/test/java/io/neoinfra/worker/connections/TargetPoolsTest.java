package io.neoinfra.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.connection.ConnectionCheck;
import io.neoinfra.schemas.connection.ConnectionRules;
import io.neoinfra.schemas.connection.NetworkPolicy;
import io.neoinfra.schemas.connection.ValidConnection;
import io.neoinfra.schemas.events.Engine;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetPoolsTest {

  private static final TargetDataSources IN_MEMORY_H2 = new TargetDataSources(
      new TargetAccess(true, Optional.empty(), NetworkPolicy.defaults()), Duration.ofSeconds(5));

  @Test
  void schemasOfOneDatabaseShareOnePool() throws Exception {
    try (TargetPools pools = new TargetPools(settings(8), IN_MEMORY_H2, null, Clock.systemUTC())) {
      String db = "shared_" + UUID.randomUUID().toString().replace("-", "");
      try (TargetPools.Lease a = pools.lease(h2(db, "tenant_a"), null);
          TargetPools.Lease b = pools.lease(h2(db, "tenant_b"), null)) {
        assertThat(a.dataSource()).isSameAs(b.dataSource());
        assertThat(pools.openPools()).isEqualTo(1);
      }
    }
  }

  @Test
  void closesTheLeastRecentlyUsedIdlePoolWhenANewOneWouldExceedTheBudget() throws Exception {
    try (TargetPools pools = new TargetPools(settings(2), IN_MEMORY_H2, null, Clock.systemUTC())) {
      // given: one pool with an open idle connection, which uses the whole budget with the next task's two
      try (TargetPools.Lease first = pools.lease(h2("first_" + UUID.randomUUID().toString().replace("-", ""), null),
          null); Connection ignored = first.dataSource().getConnection()) {
        assertThat(pools.openConnections()).isEqualTo(1);
      }

      // when: a task needs another database
      try (TargetPools.Lease second = pools.lease(
          h2("second_" + UUID.randomUUID().toString().replace("-", ""), null), null)) {
        // then: the idle pool was closed to make room
        assertThat(pools.openPools()).isEqualTo(1);
        assertThat(second.dataSource().isClosed()).isFalse();
      }
    }
  }

  private static TargetPools.PoolSettings settings(int budget) {
    return new TargetPools.PoolSettings(2, Duration.ofSeconds(60), Duration.ofSeconds(5), budget);
  }

  private static ValidConnection h2(String database, String schema) {
    return ((ConnectionCheck.Valid) ConnectionRules.check(Engine.H2, null, null, database, schema, "sa"))
        .connection();
  }
}
