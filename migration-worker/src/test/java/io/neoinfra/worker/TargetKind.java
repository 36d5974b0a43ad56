package io.neoinfra.worker;

import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/** The three kinds of target the must-show list names, each created fresh and dropped by the test. */
enum TargetKind {
  POSTGRES_SCHEMA_PER_TENANT,
  POSTGRES_DATABASE_PER_TENANT,
  MARIADB_DATABASE_PER_TENANT;

  /** A new empty target; closing it drops everything created. */
  Target create() {
    return switch (this) {
      case POSTGRES_SCHEMA_PER_TENANT -> {
        TestDatabase shared = LocalDatabaseServer.postgres().createDatabase("neo_shared");
        TestDatabase schema = LocalDatabaseServer.postgres().createSchema(shared.databaseName(), "tenant");
        yield new Target(schema, List.of(schema, shared));
      }
      case POSTGRES_DATABASE_PER_TENANT -> {
        TestDatabase db = LocalDatabaseServer.postgres().createDatabase("neo_tenant");
        yield new Target(db, List.of(db));
      }
      case MARIADB_DATABASE_PER_TENANT -> {
        TestDatabase db = LocalDatabaseServer.mariadb().createDatabase("neo_tenant");
        yield new Target(db, List.of(db));
      }
    };
  }

  record Target(TestDatabase db, List<TestDatabase> toDrop) implements AutoCloseable {
    @Override
    public void close() {
      List<RuntimeException> failures = new ArrayList<>();
      for (TestDatabase each : toDrop) {
        try {
          each.close();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    }
  }
}
