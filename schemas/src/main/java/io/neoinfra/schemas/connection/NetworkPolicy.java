package io.neoinfra.schemas.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The networks targets may live in. An address is permitted when no denied network contains it and, if any allowed
 * networks are listed, one of them does (denied wins). An empty allowed list means every address the denied list
 * leaves. Loopback is not denied by default: tests and the dev stack use 127.0.0.1.
 *
 * @param allowed networks targets may live in; empty: everywhere the denied list leaves
 * @param denied networks no target may live in, whatever {@code allowed} says
 */
public record NetworkPolicy(List<Cidr> allowed, List<Cidr> denied) {

  /**
   * Link-local networks and the cloud metadata services reachable from inside a VM or pod: a target there would let a
   * caller make the platform talk to the instance's credentials endpoint. The unspecified addresses are here because
   * connecting to them reaches the local host under a name no one meant.
   */
  public static final List<String> DEFAULT_DENIED = List.of(
      "169.254.0.0/16",        // IPv4 link-local: AWS, GCP, Azure, OpenStack metadata at 169.254.169.254
      "fe80::/10",             // IPv6 link-local
      "fd00:ec2::254/128",     // AWS instance metadata over IPv6
      "100.100.100.200/32",    // Alibaba Cloud metadata
      "192.0.0.192/32",        // Oracle Cloud (classic) metadata
      "0.0.0.0/8",             // "this network": 0.0.0.0 reaches the local host
      "::/128");               // the unspecified IPv6 address, likewise

  public NetworkPolicy {
    allowed = List.copyOf(allowed);
    denied = List.copyOf(denied);
  }

  /** Every address except {@link #DEFAULT_DENIED}. */
  public static NetworkPolicy defaults() {
    return new NetworkPolicy(List.of(), DEFAULT_DENIED.stream().map(Cidr::unchecked).toList());
  }

  /** From settings: comma-separated CIDR lists; a blank allowed list means everywhere. */
  public static NetworkPolicy of(String allowed, String denied) {
    return new NetworkPolicy(parseList(allowed), parseList(denied));
  }

  public static List<Cidr> parseList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
  }

  public boolean permits(InetAddress address) {
    return refusal(address).isEmpty();
  }

  /** Empty when permitted; else why: the denied network that holds it, or that no allowed network does. */
  public Optional<NetworkRefusal> refusal(InetAddress address) {
    InetAddress normalized = unmapped(address);
    for (Cidr network : denied) {
      if (network.contains(normalized)) {
        return Optional.of(new NetworkRefusal.InDeniedNetwork(network));
      }
    }
    if (!allowed.isEmpty() && allowed.stream().noneMatch(n -> n.contains(normalized))) {
      return Optional.of(new NetworkRefusal.OutsideAllowedNetworks(allowed));
    }
    return Optional.empty();
  }

  /** The text {@link #parse} reads back: how the policy reaches a driver's socket factory, which takes strings. */
  public String toText() {
    return join(allowed) + ";" + join(denied);
  }

  public static NetworkPolicy parse(String text) {
    int split = text.indexOf(';');
    if (split < 0) {
      throw new IllegalArgumentException("a network policy is '<allowed>;<denied>'");
    }
    return of(text.substring(0, split), text.substring(split + 1));
  }

  private static String join(List<Cidr> networks) {
    return networks.stream().map(Cidr::toString).collect(Collectors.joining(","));
  }

  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) reaches the IPv4 host: judge it as that host.
  private static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] bytes = address.getAddress();
      boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = bytes[i] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }
}
