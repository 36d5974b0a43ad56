package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.crypto.CredentialSealer;
import io.neoinfra.schemas.crypto.PrivateKeyset;
import io.neoinfra.schemas.crypto.PublicKeyset;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Engine;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.testsupport.KafkaTestBroker;
import io.neoinfra.testsupport.LocalDatabaseServer;
import io.neoinfra.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/databases/connections/{id}/health} end to end: the gateway publishes a health request on the
 * embedded broker, the environment's real worker opens the sealed password with its key, logs in to the local
 * PostgreSQL or MariaDB, and its answer comes back as the HTTP response.
 */
class ConnectionHealthIT extends GatewayTestBase {

  private SimulatedProcessor processor;
  private String token;

  @BeforeEach
  void parts() {
    processor = new SimulatedProcessor(ENV.broker, ENV.topics);
    token = token("health", Permission.DATABASES_READ);
  }

  @AfterEach
  void closeParts() {
    processor.close();
  }

  @Test
  void aReachablePostgresDatabaseIsHealthyWithTheWorkersLatency() {
    try (TestDatabase db = LocalDatabaseServer.postgres().createDatabase("gwhealth")) {
      String id = register(record(Engine.POSTGRESQL, db.host(), db.port(), db.databaseName(), db.username(),
          ENV.workerKeys.publicKeyset(), "not-needed-with-trust-auth"));

      Api.Response health = api.get("/api/v1/databases/connections/" + id + "/health", token);

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("id").asText()).isEqualTo(id);
      assertThat(health.json().path("status").asText()).isEqualTo("healthy");
      assertThat(health.json().path("latency_ms").isIntegralNumber()).isTrue();
      assertThat(Instant.parse(health.json().path("checked_at").asText())).isNotNull();
      assertThat(health.body()).doesNotContain("not-needed-with-trust-auth");
    }
  }

  @Test
  void aWrongMariaDbPasswordIsAnAuthenticationFailureWithoutTheDriversMessage() throws Exception {
    LocalDatabaseServer mariadb = LocalDatabaseServer.mariadb();
    String user = "neo_h_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (TestDatabase db = mariadb.createDatabase("gwhealth");
        MariaDbUser ignored = MariaDbUser.create(mariadb, user, "the-right-password", db.databaseName())) {
      String id = register(record(Engine.MARIADB, db.host(), db.port(), db.databaseName(), user, ENV.workerKeys.publicKeyset(),
          "a-wrong-password"));

      Api.Response health = api.get("/api/v1/databases/connections/" + id + "/health", token);

      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("authentication_failed");
      assertThat(health.body()).doesNotContain(user).doesNotContain("Access denied").doesNotContain("password");
    }
  }

  @Test
  void theRightMariaDbPasswordOfTheSameUserIsHealthy() throws Exception {
    LocalDatabaseServer mariadb = LocalDatabaseServer.mariadb();
    String user = "neo_h_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (TestDatabase db = mariadb.createDatabase("gwhealth");
        MariaDbUser ignored = MariaDbUser.create(mariadb, user, "the-right-password", db.databaseName())) {
      String id = register(record(Engine.MARIADB, db.host(), db.port(), db.databaseName(), user, ENV.workerKeys.publicKeyset(),
          "the-right-password"));

      Api.Response health = api.get("/api/v1/databases/connections/" + id + "/health", token);

      assertThat(health.json().path("status").asText()).isEqualTo("healthy");
    }
  }

  @Test
  void aPostgresDatabaseThatDoesNotExistIsDatabaseMissing() {
    LocalDatabaseServer postgres = LocalDatabaseServer.postgres();
    String id = register(record(Engine.POSTGRESQL, postgres.host(), postgres.port(),
        "neo_absent_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), postgres.username(),
        ENV.workerKeys.publicKeyset(), "pw"));

    Api.Response health = api.get("/api/v1/databases/connections/" + id + "/health", token);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("database_missing");
  }

  @Test
  void aPasswordSealedForAKeysetNoWorkerHoldsIsCredentialsUnreadable() {
    PublicKeyset foreign = PrivateKeyset.generate().publicKeyset();
    try (TestDatabase db = LocalDatabaseServer.postgres().createDatabase("gwhealth")) {
      String id = register(record(Engine.POSTGRESQL, db.host(), db.port(), db.databaseName(), db.username(),
          foreign, "pw"));

      Api.Response health = api.get("/api/v1/databases/connections/" + id + "/health", token);

      assertThat(health.json().path("status").asText()).isEqualTo("credentials_unreadable");
    }
  }

  private String register(DatabaseRecord record) {
    processor.database(record);
    await().atMost(Duration.ofSeconds(20)).until(() -> "registered".equals(
        api.get("/api/v1/databases/connections/" + record.databaseId(), token).json().path("status").asText()));
    return record.databaseId();
  }

  private static DatabaseRecord record(Engine engine, String host, int port, String name, String user,
      PublicKeyset keys, String password) {
    return new DatabaseRecord(KafkaTestBroker.uniqueName("db-health"), name, ConnectionType.DEDICATED, "eu-west",
        engine, host, port, user, new CredentialSealer(keys).seal(password), false, 300, null, Instant.now(),
        Instant.now());
  }

  /** A MariaDB user with a password, allowed into one database; dropped on close. */
  private record MariaDbUser(LocalDatabaseServer server, String name) implements AutoCloseable {

    // The names are generated by this test, never taken from a caller; MariaDB takes no bind parameter here.
    static MariaDbUser create(LocalDatabaseServer server, String name, String password, String database)
        throws Exception {
      try (Connection admin = server.connectAdmin(); Statement sql = admin.createStatement()) {
        for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
          sql.execute("CREATE USER '" + name + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
          sql.execute("GRANT ALL ON " + database + ".* TO '" + name + "'@'" + host + "'");
        }
      }
      return new MariaDbUser(server, name);
    }

    @Override
    public void close() throws Exception {
      try (Connection admin = server.connectAdmin(); Statement sql = admin.createStatement()) {
        for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
          sql.execute("DROP USER IF EXISTS '" + name + "'@'" + host + "'");
        }
      }
    }
  }
}
