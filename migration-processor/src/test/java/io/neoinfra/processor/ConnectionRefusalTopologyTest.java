package io.neoinfra.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.deadletter.DeadLetterHeaders;
import io.neoinfra.schemas.events.ConnectionType;
import io.neoinfra.schemas.events.Priority;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A database event whose connection fields break the rules is dead-lettered as invalid_connection, never registered. */
class ConnectionRefusalTopologyTest {

  private static final String H2_INIT = "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), '/tmp/neo-marker.txt')";

  private static void pipe(DriverFixture f, String type, String databaseName, String host) {
    ProducerRecord<String, byte[]> valid = f.codec.encode(f.topics.shared().lifecycle(Priority.NORMAL),
        DriverFixture.database("db-1", ConnectionType.DEDICATED, "eu-1", true), URI.create("/test"));
    String body = "{\"database_id\":\"db-1\",\"database_name\":\"" + databaseName + "\","
        + "\"connection_type\":\"dedicated\",\"engine\":\"" + type + "\","
        + (host == null ? "" : "\"host\":\"" + host + "\",") + "\"username\":\"neo\"}";
    f.pipeLifecycle(Priority.NORMAL, valid.key(), body.getBytes(StandardCharsets.UTF_8), valid.headers());
  }

  /** The dead letter's message (output topics are read once). */
  private static String assertRefused(DriverFixture f, String field) {
    var letter = f.deadLetters().get(0);
    assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo("invalid_connection");
    assertThat(DriverFixture.header(letter, DeadLetterHeaders.ERROR_MESSAGE)).contains(field);
    assertThat(f.databases()).isEmpty();
    assertThat(f.tasks(Priority.NORMAL)).isEmpty();
    return DriverFixture.header(letter, DeadLetterHeaders.ERROR_MESSAGE);
  }

  @Test
  void refusesAnH2InitScriptInTheDatabaseName() {
    try (var f = new DriverFixture()) {
      pipe(f, "h2", H2_INIT, null);

      assertThat(assertRefused(f, "database_name")).doesNotContain("FILE_WRITE");
    }
  }

  @Test
  void refusesPgjdbcParametersInTheDatabaseName() {
    try (var f = new DriverFixture()) {
      pipe(f, "postgresql", "app?sslmode=disable&socketFactory=x.Y", "db.local");

      assertRefused(f, "database_name");
    }
  }

  @Test
  void refusesPgjdbcParametersInTheHost() {
    try (var f = new DriverFixture()) {
      pipe(f, "postgresql", "app", "db.local/app?options=-c");

      assertRefused(f, "host");
    }
  }

  @Test
  void refusesADatabaseNameLongerThanPostgresAllowsThoughTheSchemaLetsItThrough() {
    try (var f = new DriverFixture()) {
      pipe(f, "postgresql", "d".repeat(64), "db.local");

      assertRefused(f, "database_name");
    }
  }

  @Test
  void refusesANetworkEngineWithoutAHost() {
    try (var f = new DriverFixture()) {
      pipe(f, "mariadb", "app", null);

      assertRefused(f, "host");
    }
  }
}
