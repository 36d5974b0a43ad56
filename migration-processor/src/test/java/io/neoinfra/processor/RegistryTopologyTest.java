package io.neoinfra.processor;

import static io.neoinfra.processor.DriverFixture.database;
import static io.neoinfra.processor.DriverFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.DatabaseDeleted;
import io.neoinfra.schemas.events.DatabaseUpdated;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.events.TenantDeleted;
import io.neoinfra.schemas.events.TenantIsolation;
import io.neoinfra.schemas.events.TlsMode;
import io.neoinfra.schemas.events.TlsSettings;
import io.neoinfra.schemas.registry.DatabaseRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryTopologyTest {

  @Test
  void databaseCreatedIsRegisteredWithItsDefaults() {
    try (var f = new DriverFixture()) {
      f.publish(new io.neoinfra.schemas.events.DatabaseCreated("db-1", "app", ConnectionType.SHARED, "eu-1", null,
          "db.local", null, "neo", DriverFixture.SECRET, false, null, null));

      var record = f.databases().get(0);
      assertThat(record.key()).isEqualTo("db-1");
      DatabaseRecord db = record.value();
      assertThat(db.engine()).isEqualTo(Engine.POSTGRESQL);
      assertThat(db.migrationTimeout()).isEqualTo(10);
      assertThat(db.password()).isEqualTo(DriverFixture.SECRET);
      assertThat(db.registeredAt()).isNotNull();
      assertThat(record.headers().toArray()).isEmpty();
    }
  }

  @Test
  void aPasswordRefIsRegisteredAndHandedToTheWorkerAsItIs() {
    try (var f = new DriverFixture()) {
      f.publish(new io.neoinfra.schemas.events.DatabaseCreated("db-ref", "app", ConnectionType.DEDICATED, null, null,
          "db.local", null, "neo", null, io.neoinfra.schemas.events.PasswordRef.parse("file:db-ref.password"), true,
          null, null));

      assertThat(f.databases().get(0).value().passwordRef()).hasToString("file:db-ref.password");
      var connection = f.tasks().get(0).connection();
      assertThat(connection.passwordRef()).hasToString("file:db-ref.password");
      assertThat(connection.password()).isNull();
    }
  }

  @Test
  void databaseUpdatedReplacesTheRecordAndKeepsItsRegistrationTime() {
    try (var f = new DriverFixture()) {
      f.publish(database("db-1", ConnectionType.SHARED, "eu-1", false));
      f.advance(Duration.ofMinutes(1));

      f.publish(new DatabaseUpdated("db-1", "app", ConnectionType.SHARED, "eu-1", Engine.POSTGRESQL, "new.host", 5433,
          "neo", DriverFixture.SECRET, false, 60, null));

      var records = f.databases();
      DatabaseRecord updated = records.get(1).value();
      assertThat(updated.host()).isEqualTo("new.host");
      assertThat(updated.migrationTimeout()).isEqualTo(60);
      assertThat(updated.registeredAt()).isEqualTo(records.get(0).value().registeredAt());
      assertThat(updated.updatedAt()).isAfter(updated.registeredAt());
    }
  }

  @Test
  void aDatabasesTlsSettingsAreRegisteredAndCarriedIntoItsTasks() {
    try (var f = new DriverFixture()) {
      TlsSettings tls = new TlsSettings(TlsMode.VERIFY_FULL, "corp-ca");
      f.publish(new io.neoinfra.schemas.events.DatabaseCreated("db-1", "app", ConnectionType.DEDICATED, "eu-1", null,
          "db.local", null, "neo", DriverFixture.SECRET, true, null, null, tls));

      assertThat(f.databases().get(0).value().tls()).isEqualTo(tls);
      assertThat(f.tasks()).singleElement().satisfies(task -> assertThat(task.connection().tls()).isEqualTo(tls));
    }
  }

  @Test
  void databaseDeletedWritesATombstone() {
    try (var f = new DriverFixture()) {
      f.publish(database("db-1", ConnectionType.SHARED, "eu-1", false));

      f.publish(new DatabaseDeleted("db-1"));

      var records = f.databases();
      assertThat(records.get(1).key()).isEqualTo("db-1");
      assertThat(records.get(1).value()).isNull();
    }
  }

  @Test
  void deletedDatabaseIsNoLongerATarget() {
    try (var f = new DriverFixture()) {
      f.publish(database("db-1", ConnectionType.SHARED, "eu-1", false));
      f.publish(new DatabaseDeleted("db-1"));

      f.publish(DriverFixture.request("e1", io.neoinfra.schemas.events.Scope.REGIONAL));

      assertThat(f.view("e1").targets()).isEmpty();
    }
  }

  @Test
  void tenantCreatedRegistersItsSchemaName() {
    try (var f = new DriverFixture()) {
      f.publish(tenant("Acme-1", "eu-1"));

      var record = f.tenants().get(0).value();
      assertThat(record.isolation()).isEqualTo(TenantIsolation.SCHEMA);
      assertThat(record.schemaName()).isEqualTo("tenant_acme_1");
      assertThat(record.autoMigrate()).isFalse();
    }
  }

  @Test
  void tenantDeletedWritesATombstoneAndRetiresItsTarget() {
    try (var f = new DriverFixture()) {
      f.publish(database("shared-1", ConnectionType.SHARED, "eu-1", false));
      f.publish(tenant("acme", "eu-1"));

      f.publish(new TenantDeleted("acme"));
      f.publish(DriverFixture.request("e1", io.neoinfra.schemas.events.Scope.TENANT));

      assertThat(f.tenants().get(1).value()).isNull();
      assertThat(f.view("e1").targets()).isEmpty();
    }
  }
}
