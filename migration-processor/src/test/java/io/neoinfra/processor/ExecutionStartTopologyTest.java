package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.database;
import static io.neoinfra.processor.DriverFixture.request;
import static io.neoinfra.processor.DriverFixture.succeeded;
import static io.neoinfra.processor.DriverFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.MigrationRequested;
import io.neoinfra.schemas.events.Priority;
import io.neoinfra.schemas.events.RolloutPolicy;
import io.neoinfra.schemas.events.Scope;
import io.neoinfra.schemas.events.TenantCreated;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.schemas.events.TriggeredBy;
import io.neoinfra.schemas.executions.ExecutionStatus;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetStatus;
import io.neoinfra.schemas.tasks.MigrationTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionStartTopologyTest {

  @Test
  void databaseCreatedWithAutoMigrateIssuesItsTaskAndRecordsTheExecution() {
    try (var f = new DriverFixture()) {
      f.publish(database("admin-1", ConnectionType.ADMIN, "eu-1", true));

      List<MigrationTask> tasks = f.tasks();
      assertThat(tasks).singleElement().satisfies(task -> {
        assertThat(task.targetId()).isEqualTo("admin-1");
        assertThat(task.migrationSet()).isEqualTo(Scope.ADMIN);
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(task.connection().password()).isEqualTo(DriverFixture.SECRET);
      });
      ExecutionView view = f.view(tasks.get(0).executionId());
      assertThat(view.status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(view.metadata().triggeredBy()).isEqualTo(TriggeredBy.DATABASE_CREATED_EVENT);
      assertThat(view.counts()).containsEntry(TargetStatus.QUEUED, 1);
    }
  }

  @Test
  void databaseCreatedWithoutAutoMigrateStartsNothing() {
    try (var f = new DriverFixture()) {
      f.publish(database("db-1", ConnectionType.SHARED, "eu-1", false));

      assertThat(f.tasks()).isEmpty();
      assertThat(f.allViews()).isEmpty();
    }
  }

  @Test
  void tenantCreatedMigratesItsSchemaInTheRegionsSharedDatabaseWithTheTenantSet() {
    try (var f = new DriverFixture()) {
      f.publish(database("shared-eu", ConnectionType.SHARED, "eu-1", false));

      f.publish(new TenantCreated("acme", "Acme", "eu-1", null, null, null, null, null));

      MigrationTask task = f.tasks().get(0);
      assertThat(task.targetId()).isEqualTo("shared-eu/tenant_acme");
      assertThat(task.connection().schema()).isEqualTo("tenant_acme");
      assertThat(task.migrationSet()).isEqualTo(Scope.TENANT);
      assertThat(f.view(task.executionId()).metadata().triggeredBy()).isEqualTo(TriggeredBy.TENANT_CREATED_EVENT);
    }
  }

  @Test
  void tenantCreatedWithADedicatedDatabaseMigratesThatDatabase() {
    try (var f = new DriverFixture()) {
      f.publish(database("acme-db", ConnectionType.DEDICATED, "eu-1", false));

      f.publish(new TenantCreated("acme", "Acme", "eu-1", TenantIsolation.DATABASE, null, "acme-db", null, null));

      MigrationTask task = f.tasks().get(0);
      assertThat(task.targetId()).isEqualTo("acme-db");
      assertThat(task.connection().schema()).isNull();
      assertThat(task.migrationSet()).isEqualTo(Scope.TENANT);
    }
  }

  @Test
  void tenantCreatedInARegionWithoutSharedDatabaseIsRejectedWithTheReason() {
    try (var f = new DriverFixture()) {
      f.publish(new TenantCreated("acme", "Acme", "us-1", null, null, null, true, null));

      ExecutionView view = f.allViews().values().iterator().next();
      assertThat(view.status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(view.reason()).contains("no shared database registered in region us-1");
      assertThat(f.tasks()).isEmpty();
    }
  }

  @Test
  void scopeAdminTargetsOnlyAdminDatabases() {
    try (var f = new DriverFixture()) {
      f.publish(database("admin-1", ConnectionType.ADMIN, null, false));
      f.publish(database("shared-1", ConnectionType.SHARED, "eu-1", false));

      f.publish(request("e1", Scope.ADMIN));

      assertThat(f.tasks()).extracting(MigrationTask::targetId).containsExactly("admin-1");
    }
  }

  @Test
  void scopeRegionalTargetsSharedDatabasesWithTheRegionalSet() {
    try (var f = new DriverFixture()) {
      f.publish(database("admin-1", ConnectionType.ADMIN, null, false));
      f.publish(database("shared-1", ConnectionType.SHARED, "eu-1", false));

      f.publish(request("e1", Scope.REGIONAL));

      assertThat(f.tasks()).singleElement().satisfies(t -> {
        assertThat(t.targetId()).isEqualTo("shared-1");
        assertThat(t.migrationSet()).isEqualTo(Scope.REGIONAL);
      });
    }
  }

  @Test
  void scopeTenantTargetsTenantSchemasAndDedicatedDatabases() {
    try (var f = new DriverFixture()) {
      f.publish(database("shared-1", ConnectionType.SHARED, "eu-1", false));
      f.publish(database("acme-db", ConnectionType.DEDICATED, "eu-1", false));
      f.publish(tenant("beta", "eu-1"));

      f.publish(request("e1", Scope.TENANT));

      assertThat(f.tasks()).extracting(MigrationTask::targetId)
          .containsExactlyInAnyOrder("acme-db", "shared-1/tenant_beta");
    }
  }

  @Test
  void scopeAllTargetsAdminSharedAndTenantTargets() {
    try (var f = new DriverFixture()) {
      f.publish(database("admin-1", ConnectionType.ADMIN, null, false));
      f.publish(database("shared-1", ConnectionType.SHARED, "eu-1", false));
      f.publish(tenant("beta", "eu-1"));

      f.publish(request("e1", Scope.ALL));

      assertThat(f.tasks()).extracting(t -> t.targetId() + ":" + t.migrationSet())
          .containsExactlyInAnyOrder("admin-1:ADMIN", "shared-1:REGIONAL", "shared-1/tenant_beta:TENANT");
    }
  }

  @Test
  void regionsKeepOnlyTargetsOfThoseRegions() {
    try (var f = new DriverFixture()) {
      f.publish(database("shared-eu", ConnectionType.SHARED, "eu-1", false));
      f.publish(database("shared-us", ConnectionType.SHARED, "us-1", false));

      f.publish(new MigrationRequested("e1", Scope.REGIONAL, List.of("us-1"), null, null, null, null, null, null,
          null, null, null, null));

      assertThat(f.tasks()).extracting(MigrationTask::targetId).containsExactly("shared-us");
    }
  }

  @Test
  void targetListKeepsOnlyTheListedDatabases() {
    try (var f = new DriverFixture()) {
      f.registerShared(3);

      f.publish(request("e1", Scope.REGIONAL, null, "db-2"));

      assertThat(f.tasks()).extracting(MigrationTask::targetId).containsExactly("db-2");
    }
  }

  @Test
  void unknownDatabaseInTheTargetListIsRejected() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);

      f.publish(request("e1", Scope.REGIONAL, null, "db-0", "db-404"));

      assertThat(f.view("e1").status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(f.view("e1").reason()).contains("db-404");
      assertThat(f.tasks()).isEmpty();
    }
  }

  @Test
  void requestWithoutTargetsCompletesAtOnceWithZeroTargets() {
    try (var f = new DriverFixture()) {
      f.publish(request("e1", Scope.ADMIN));

      ExecutionView view = f.view("e1");
      assertThat(view.status()).isEqualTo(ExecutionStatus.COMPLETED);
      assertThat(view.targets()).isEmpty();
      assertThat(view.progressPercent()).isEqualTo(100);
      assertThat(view.completedAt()).isNotNull();
    }
  }

  @Test
  void requestOverlappingARunningExecutionIsRejected() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));

      f.publish(request("e2", Scope.REGIONAL, null, "db-1"));

      assertThat(f.view("e2").status()).isEqualTo(ExecutionStatus.REJECTED);
      assertThat(f.view("e2").reason()).contains("overlaps running execution e1 on db-1");
    }
  }

  @Test
  void forcedRequestRunsDespiteAnOverlap() {
    try (var f = new DriverFixture()) {
      f.registerShared(2);
      f.publish(request("e1", Scope.REGIONAL));
      f.tasks();

      f.publish(new MigrationRequested("e2", Scope.REGIONAL, null, List.of("db-1"), null, null, null, true, null,
          null, null, null, null));

      assertThat(f.view("e2").status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThat(f.tasks()).extracting(MigrationTask::executionId).containsExactly("e2");
    }
  }

  @Test
  void requestAfterTheOverlappingExecutionEndedRuns() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.result(succeeded(f.tasks().get(0), "1"));

      f.publish(request("e2", Scope.REGIONAL));

      assertThat(f.view("e2").status()).isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  @Test
  void maxParallelBoundsTheTasksInFlight() {
    try (var f = new DriverFixture()) {
      f.registerShared(5);

      f.publish(request("e1", Scope.REGIONAL, new RolloutPolicy(2, null)));
      List<MigrationTask> first = f.tasks();
      f.result(succeeded(first.get(0), "1"));

      assertThat(first).hasSize(2);
      assertThat(f.tasks()).hasSize(1);
      assertThat(f.view("e1").counts()).containsEntry(TargetStatus.QUEUED, 4)
          .containsEntry(TargetStatus.SUCCEEDED, 1);
    }
  }

  @Test
  void priorityChoosesTheTaskTopic() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);

      f.publish(new MigrationRequested("e1", Scope.REGIONAL, null, null, null, null, Priority.CRITICAL, null, null,
          null, null, null, null));

      assertThat(f.tasks(Priority.CRITICAL)).hasSize(1);
      assertThat(f.tasks(Priority.NORMAL)).isEmpty();
    }
  }

  @Test
  void autoMigrationTakesThePriorityOfItsLifecycleTopic() {
    try (var f = new DriverFixture()) {
      f.publish(Priority.HIGH, database("db-1", ConnectionType.SHARED, "eu-1", true));

      assertThat(f.tasks(Priority.HIGH)).hasSize(1);
    }
  }

  @Test
  void dryRunTargetVersionAndTimeoutAreCarriedOnTheTasks() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);

      f.publish(new MigrationRequested("e1", Scope.REGIONAL, null, null, "3", true, null, null, null, null, 42, null,
          null));

      MigrationTask task = f.tasks().get(0);
      assertThat(task.dryRun()).isTrue();
      assertThat(task.targetVersion()).isEqualTo("3");
      assertThat(task.timeoutSeconds()).isEqualTo(42);
      assertThat(f.view("e1").dryRun()).isTrue();
    }
  }

  @Test
  void redeliveredRequestStartsNothingTwice() {
    try (var f = new DriverFixture()) {
      f.registerShared(1);
      f.publish(request("e1", Scope.REGIONAL));
      f.tasks();

      f.publish(request("e1", Scope.REGIONAL));

      assertThat(f.tasks()).isEmpty();
      assertThat(f.viewsOf("e1")).hasSize(1);
    }
  }
}
