package io.neoinfra.schemas.connection;

import java.util.List;
import java.util.stream.Collectors;

/** Why the {@link NetworkPolicy} refuses an address. */
public sealed interface NetworkRefusal {

  /** For people and dead letters: names the network, which is a setting, not a caller's value. */
  String describe();

  /** A denied network holds the address. */
  record InDeniedNetwork(Cidr network) implements NetworkRefusal {
    @Override
    public String describe() {
      return "in the denied network " + network;
    }
  }

  /** Allowed networks are listed and none holds the address. */
  record OutsideAllowedNetworks(List<Cidr> allowed) implements NetworkRefusal {
    @Override
    public String describe() {
      return "outside the allowed networks " + allowed.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }
  }
}
