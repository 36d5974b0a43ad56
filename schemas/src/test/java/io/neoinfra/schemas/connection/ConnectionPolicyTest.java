package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoinfra.schemas.events.Engine;
import org.junit.jupiter.api.Test;

class ConnectionPolicyTest {

  private static ValidConnection valid(Engine engine, String host, String database) {
    return ((ConnectionCheck.Valid) ConnectionRules.check(engine, host, null, database, null, "u")).connection();
  }

  @Test
  void refusesH2WhenEmbeddedEnginesAreOff() {
    assertThat(ConnectionPolicy.defaults().refusals(valid(Engine.H2, null, "demo")))
        .containsExactly(new ConnectionFailure.EmbeddedEngineRefused(ConnectionField.ENGINE));
  }

  @Test
  void acceptsH2WhenEmbeddedEnginesAreOn() {
    assertThat(new ConnectionPolicy(true, NetworkPolicy.defaults()).refusals(valid(Engine.H2, null, "demo")))
        .isEmpty();
  }

  @Test
  void refusesAHostThatIsAMetadataAddressLiteral() {
    assertThat(ConnectionPolicy.defaults().refusals(valid(Engine.POSTGRESQL, "169.254.169.254", "db")))
        .containsExactly(new ConnectionFailure.AddressDenied(ConnectionField.HOST,
            new NetworkRefusal.InDeniedNetwork(Cidr.parse("169.254.0.0/16"))));
  }

  @Test
  void leavesAHostNameToTheSocketCheck() {
    assertThat(ConnectionPolicy.defaults().refusals(valid(Engine.POSTGRESQL, "metadata.google.internal", "db")))
        .isEmpty();
  }

  @Test
  void passesRuleFailuresThroughUnchanged() {
    ConnectionCheck rules = ConnectionRules.check(Engine.POSTGRESQL, "127.0.0.1", null, "a;b", null, "u");

    assertThat(ConnectionPolicy.defaults().check(rules)).isSameAs(rules);
  }
}
