package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriverPropertiesTest {

  private static final DriverProperties OPTIONS = new DriverProperties(Duration.ofSeconds(5), Duration.ZERO,
      "neo-test", NetworkPolicy.defaults(), Optional.empty());

  private static ValidConnection valid(Engine engine, String host, Integer port, String database) {
    return ((ConnectionCheck.Valid) ConnectionRules.check(engine, host, port, database, null, "app")).connection();
  }

  @Test
  void buildsAPostgresUrlOfHostPortAndDatabaseOnly() {
    DriverTarget target = OPTIONS.forTarget(valid(Engine.POSTGRESQL, "db.example", 5433, "orders"), "pw");

    assertThat(target.url()).isEqualTo("jdbc:postgresql://db.example:5433/orders");
  }

  @Test
  void passesOnlyThePlatformsPostgresOptions() {
    DriverTarget target = OPTIONS.forTarget(valid(Engine.POSTGRESQL, "127.0.0.1", null, "orders"), "pw");

    assertThat(target.properties().stringPropertyNames()).isEqualTo(Set.of("user", "password", "connectTimeout",
        "socketTimeout", "ApplicationName", "socketFactory", "socketFactoryArg"));
    assertThat(target.properties().getProperty("socketFactory")).isEqualTo(PolicedSocketFactory.class.getName());
  }

  @Test
  void turnsOffLocalInfileAndPolicesTheSocketOnMariadb() {
    DriverTarget target = OPTIONS.forTarget(valid(Engine.MARIADB, "127.0.0.1", null, "shop"), null);

    assertThat(target.url()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/shop");
    assertThat(target.properties().getProperty("allowLocalInfile")).isEqualTo("false");
    assertThat(target.properties().getProperty("socketFactory"))
        .isEqualTo(MariaDbPolicedSocketFactory.class.getName());
    assertThat(target.properties().getProperty("password")).isNull();
  }

  @Test
  void bracketsAnIpv6Host() {
    assertThat(OPTIONS.forTarget(valid(Engine.POSTGRESQL, "::1", null, "db"), null).url())
        .isEqualTo("jdbc:postgresql://[0:0:0:0:0:0:0:1]:5432/db");
  }

  @Test
  void mapsAnH2NameToAnInMemoryDatabaseWithoutADataDirectory() {
    assertThat(OPTIONS.forTarget(valid(Engine.H2, null, null, "demo"), null).url())
        .isEqualTo("jdbc:h2:mem:demo;DB_CLOSE_DELAY=-1");
  }

  @Test
  void letsH2StatementsWaitForAnotherTasksLockInsteadOfFailingAfterH2sTwoSeconds() {
    assertThat(OPTIONS.forTarget(valid(Engine.H2, null, null, "demo"), null).properties().getProperty("LOCK_TIMEOUT"))
        .isEqualTo(String.valueOf(DriverProperties.H2_LOCK_TIMEOUT_MILLIS));
  }

  @Test
  void mapsAnH2NameToAFileInsideTheDataDirectory() {
    DriverProperties withFiles = new DriverProperties(Duration.ofSeconds(5), Duration.ZERO, "neo-test",
        NetworkPolicy.defaults(), Optional.of(Path.of("/var/lib/neo/h2")));

    assertThat(withFiles.forTarget(valid(Engine.H2, null, null, "demo"), null).url())
        .isEqualTo("jdbc:h2:file:/var/lib/neo/h2/demo");
  }

  @Test
  void neverShowsThePasswordInItsDescription() {
    DriverTarget target = OPTIONS.forTarget(valid(Engine.POSTGRESQL, "127.0.0.1", null, "db"), "hunter2");

    assertThat(target.toString()).doesNotContain("hunter2");
  }
}
