package io.neoinfra.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoinfra.gateway.security.Permission;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.testsupport.KafkaTestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection fields that would become driver settings are refused at registration with 422 problem+json naming the
 * field (never echoing the value), and nothing is registered. Default settings: embedded engines off, the default
 * denied networks.
 */
class ConnectionAttackIT extends GatewayTestBase {

  @TempDir
  Path dir;

  private SimulatedProcessor processor;

  @BeforeEach
  void startParts() {
    processor = new SimulatedProcessor(ENV.broker, ENV.topics);
  }

  @AfterEach
  void closeParts() {
    processor.close();
  }

  /** Registers a PostgreSQL database on 127.0.0.1 after {@code tamper}; asserts 422 naming {@code field}. */
  private void assertRefused(Consumer<ObjectNode> tamper, String field) {
    String id = KafkaTestBroker.uniqueName("attack");
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("database_id", id).put("database_name", "app").put("connection_type", "dedicated")
        .put("host", "127.0.0.1").put("port", 5432).put("username", "postgres").put("password", "pw");
    tamper.accept(body);
    String token = token("attacker", Permission.DATABASES_WRITE, Permission.DATABASES_READ);

    var response = api.post("/api/v1/databases/connections", token, body.toString());

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("errors").findValuesAsText("field")).contains("$." + field);
    for (String value : new String[] {body.path("database_name").asText(), body.path("host").asText()}) {
      if (!value.isEmpty() && !value.equals("app") && !value.equals("127.0.0.1")) {
        assertThat(response.body()).doesNotContain(value);
      }
    }
    assertThat(api.get("/api/v1/databases/connections/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void refusesAnH2InitScriptWhenEmbeddedEnginesAreOff() {
    Path marker = dir.resolve("marker.txt");

    assertRefused(b -> b.put("engine", "h2").put("database_name",
        "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '" + marker + "')").remove("host"), "database_name");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void refusesAPlainH2DatabaseWhenEmbeddedEnginesAreOff() {
    assertRefused(b -> b.put("engine", "h2").put("database_name", "demo").remove("host"), "engine");
  }

  @Test
  void refusesAPgjdbcSocketFactoryInTheDatabaseName() {
    assertRefused(b -> b.put("database_name",
        "app?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"
            + "&socketFactoryArg=http://127.0.0.1:1/x.xml"), "database_name");
  }

  @Test
  void refusesPgjdbcSslmodeInTheDatabaseName() {
    assertRefused(b -> b.put("database_name", "app?sslmode=disable"), "database_name");
  }

  @Test
  void refusesPgjdbcOptionsInTheDatabaseName() {
    assertRefused(b -> b.put("database_name", "app&options=-c%20search_path=evil"), "database_name");
  }

  @Test
  void refusesPgjdbcParametersInTheHost() {
    assertRefused(b -> b.put("host", "127.0.0.1:5432/app?sslmode=disable&socketFactory=x.Y"), "host");
  }

  @Test
  void refusesAMariadbLocalInfileParameterInTheDatabaseName() {
    assertRefused(b -> b.put("engine", "mariadb").put("port", 3306).put("database_name",
        "app?allowLoadLocalInfile=true"), "database_name");
  }

  @Test
  void refusesAnAppendedMariadbParameterInTheUser() {
    assertRefused(b -> b.put("engine", "mariadb").put("port", 3306).put("username", "root&allowLocalInfile=true"),
        "username");
  }

  @Test
  void refusesTheCloudMetadataAddressAsHost() {
    assertRefused(b -> b.put("host", "169.254.169.254"), "host");
  }

  @Test
  void refusesTheAwsIpv6MetadataAddressAsHost() {
    assertRefused(b -> b.put("host", "fd00:ec2::254"), "host");
  }

  @Test
  void refusesADatabaseNameLongerThanPostgresAllows() {
    assertRefused(b -> b.put("database_name", "d".repeat(64)), "database_name");
  }

  @Test
  void healthCheckRefusesARegisteredMetadataAddressWithoutConnecting() {
    String id = KafkaTestBroker.uniqueName("meta");
    processor.database(Fixtures.database(id, ConnectionType.DEDICATED, "169.254.169.254", 5432, "app", ENV.workerKeys.publicKeyset(),
        null));
    String token = token("health", Permission.DATABASES_READ);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
        "registered".equals(api.get("/api/v1/databases/connections/" + id, token).json().path("status").asText()));

    var health = api.get("/api/v1/databases/connections/" + id + "/health", token);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("address_refused");
  }

  @Test
  void healthCheckRefusesARegisteredRecordWhoseFieldsBreakTheRules() {
    String id = KafkaTestBroker.uniqueName("bad");
    processor.database(Fixtures.database(id, ConnectionType.DEDICATED, "127.0.0.1", 5432,
        "app?socketFactory=x.Y", ENV.workerKeys.publicKeyset(), null));
    String token = token("health", Permission.DATABASES_READ);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
        "registered".equals(api.get("/api/v1/databases/connections/" + id, token).json().path("status").asText()));

    var health = api.get("/api/v1/databases/connections/" + id + "/health", token);

    assertThat(health.json().path("status").asText()).isEqualTo("invalid_connection");
  }
}
