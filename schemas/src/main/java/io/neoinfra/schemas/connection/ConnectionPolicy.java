package io.neoinfra.schemas.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * What one deployment lets targets be, beyond the platform-wide {@link ConnectionRules}: whether embedded engines
 * (H2, which runs inside the platform's own process) are allowed, and the networks targets may live in.
 *
 * @param embeddedEngines H2 targets allowed (off by default; the dev stack turns it on)
 * @param network where targets may live; a host given as an IP literal is judged at once, a host name when the
 *     socket connects to what it resolved to
 */
public record ConnectionPolicy(boolean embeddedEngines, NetworkPolicy network) {

  public static ConnectionPolicy defaults() {
    return new ConnectionPolicy(false, NetworkPolicy.defaults());
  }

  /** The rules, then this deployment's policy: the connection or every reason it is refused. */
  public ConnectionCheck check(ConnectionCheck rules) {
    if (!(rules instanceof ConnectionCheck.Valid valid)) {
      return rules;
    }
    List<ConnectionFailure> refusals = refusals(valid.connection());
    return refusals.isEmpty() ? rules : new ConnectionCheck.Invalid(refusals);
  }

  public List<ConnectionFailure> refusals(ValidConnection connection) {
    List<ConnectionFailure> refusals = new ArrayList<>();
    if (connection.embedded() && !embeddedEngines) {
      refusals.add(new ConnectionFailure.EmbeddedEngineRefused(ConnectionField.ENGINE));
    }
    connection.host().flatMap(TargetHost::address).flatMap(network::refusal)
        .ifPresent(why -> refusals.add(new ConnectionFailure.AddressDenied(ConnectionField.HOST, why)));
    return refusals;
  }
}
