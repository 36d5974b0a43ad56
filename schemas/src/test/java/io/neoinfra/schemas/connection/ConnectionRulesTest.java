package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.connection.ConnectionFailure.Missing;
import io.neoinfra.schemas.connection.ConnectionFailure.NotAHost;
import io.neoinfra.schemas.connection.ConnectionFailure.NotAnIdentifier;
import io.neoinfra.schemas.connection.ConnectionFailure.PortOutOfRange;
import io.neoinfra.schemas.connection.ConnectionFailure.TooLong;
import io.neoinfra.schemas.events.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionRulesTest {

  private static ConnectionCheck postgres(String host, Integer port, String database, String user) {
    return ConnectionRules.check(Engine.POSTGRESQL, host, port, database, null, user);
  }

  private static List<ConnectionFailure> failures(ConnectionCheck check) {
    assertThat(check).isInstanceOf(ConnectionCheck.Invalid.class);
    return ((ConnectionCheck.Invalid) check).failures();
  }

  @Test
  void acceptsAPlainPostgresConnectionAndFillsTheDefaultPort() {
    ConnectionCheck check = postgres("db.internal.example", null, "tenant_db-1", "app_user");

    assertThat(check).isInstanceOf(ConnectionCheck.Valid.class);
    ValidConnection connection = ((ConnectionCheck.Valid) check).connection();
    assertThat(connection.port()).isEqualTo(5432);
    assertThat(connection.host()).get().extracting(TargetHost::name).isEqualTo("db.internal.example");
  }

  @Test
  void refusesAnH2InitScriptInTheDatabaseName() {
    ConnectionCheck check = ConnectionRules.check(Engine.H2, null, null,
        "mem:x;INIT=CALL FILE_WRITE(STRINGTOUTF8('x'), 'marker.txt')", null, "sa");

    assertThat(failures(check)).singleElement().isInstanceOf(NotAnIdentifier.class)
        .extracting(ConnectionFailure::field).isEqualTo(ConnectionField.DATABASE_NAME);
  }

  @Test
  void refusesPgjdbcParametersAppendedToTheDatabaseName() {
    assertThat(failures(postgres("127.0.0.1", 5432, "db?socketFactory=x.Y&socketFactoryArg=z", "u")))
        .singleElement().extracting(ConnectionFailure::field).isEqualTo(ConnectionField.DATABASE_NAME);
  }

  @Test
  void refusesParametersAppendedToTheHost() {
    assertThat(failures(postgres("127.0.0.1/db?sslmode=disable&options=-c", 5432, "db", "u")))
        .singleElement().isInstanceOf(NotAHost.class);
  }

  @Test
  void refusesAPortInsideTheHost() {
    assertThat(failures(postgres("db.example:5433", null, "db", "u"))).singleElement().isInstanceOf(NotAHost.class);
  }

  @Test
  void refusesAPathSeparatorInTheDatabaseName() {
    assertThat(failures(postgres("127.0.0.1", null, "../etc/passwd", "u"))).singleElement()
        .isInstanceOf(NotAnIdentifier.class);
  }

  @Test
  void refusesADatabaseNameLongerThanPostgresAllows() {
    assertThat(failures(postgres("127.0.0.1", null, "d".repeat(64), "u"))).singleElement()
        .isEqualTo(new TooLong(ConnectionField.DATABASE_NAME, 63));
  }

  @Test
  void acceptsA64CharacterDatabaseNameOnMariadb() {
    assertThat(ConnectionRules.check(Engine.MARIADB, "127.0.0.1", null, "d".repeat(64), null, "root"))
        .isInstanceOf(ConnectionCheck.Valid.class);
  }

  @Test
  void refusesAMysqlUserLongerThan32Characters() {
    assertThat(failures(ConnectionRules.check(Engine.MYSQL, "127.0.0.1", null, "db", null, "u".repeat(33))))
        .singleElement().isEqualTo(new TooLong(ConnectionField.USERNAME, 32));
  }

  @Test
  void acceptsAnEightyCharacterMariadbUser() {
    assertThat(ConnectionRules.check(Engine.MARIADB, "127.0.0.1", null, "db", null, "u".repeat(80)))
        .isInstanceOf(ConnectionCheck.Valid.class);
  }

  @Test
  void acceptsAUserWithAServerSuffix() {
    assertThat(postgres("127.0.0.1", null, "db", "app@server-1")).isInstanceOf(ConnectionCheck.Valid.class);
  }

  @Test
  void refusesADriverParameterInTheUser() {
    assertThat(failures(postgres("127.0.0.1", null, "db", "u&allowLoadLocalInfile=true"))).singleElement()
        .extracting(ConnectionFailure::field).isEqualTo(ConnectionField.USERNAME);
  }

  @Test
  void refusesAPortOutOfRange() {
    assertThat(failures(postgres("127.0.0.1", 65536, "db", "u"))).singleElement().isInstanceOf(PortOutOfRange.class);
  }

  @Test
  void requiresAHostForANetworkEngine() {
    assertThat(failures(postgres(null, null, "db", "u"))).singleElement()
        .isEqualTo(new Missing(ConnectionField.HOST));
  }

  @Test
  void needsNoHostForAnEmbeddedEngine() {
    assertThat(ConnectionRules.check(Engine.H2, null, null, "demo", null, "sa"))
        .isInstanceOf(ConnectionCheck.Valid.class);
  }

  @Test
  void refusesAnUpperCaseOrQuotedSchema() {
    assertThat(failures(ConnectionRules.check(Engine.POSTGRESQL, "127.0.0.1", null, "db", "Tenant\"; drop", "u")))
        .singleElement().extracting(ConnectionFailure::field).isEqualTo(ConnectionField.SCHEMA);
  }

  @Test
  void reportsEveryBrokenFieldAtOnce() {
    assertThat(failures(postgres("bad host", 0, "bad name", "")))
        .extracting(ConnectionFailure::field)
        .containsExactly(ConnectionField.HOST, ConnectionField.PORT, ConnectionField.DATABASE_NAME,
            ConnectionField.USERNAME);
  }

  @Test
  void neverRepeatsTheRefusedValueInTheMessage() {
    String secret = "s3cr3t;password=hunter2";
    ConnectionCheck.Invalid invalid = (ConnectionCheck.Invalid) postgres(secret, null, secret, secret);

    assertThat(invalid.describe()).doesNotContain(secret).doesNotContain("hunter2");
    assertThat(invalid.fieldErrors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("hunter2"));
  }

  @Test
  void namesTheFieldAsAJsonPath() {
    assertThat(((ConnectionCheck.Invalid) postgres("127.0.0.1", null, "a;b", "u")).fieldErrors())
        .singleElement().satisfies(e -> {
          assertThat(e.field()).isEqualTo("$.database_name");
          assertThat(e.rule()).isEqualTo("pattern");
        });
  }
}
