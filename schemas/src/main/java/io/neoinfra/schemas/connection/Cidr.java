package io.neoinfra.schemas.connection;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** A network such as {@code 169.254.0.0/16} or {@code fe80::/10}. */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(network);
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits);
    }
  }

  /**
   * Parses {@code <address>/<prefix>} (a bare address is a single host). Refuses anything that is not an IP literal,
   * so a setting can never cause a DNS lookup.
   */
  public static Cidr parse(String text) {
    String value = text.trim();
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    Optional<TargetHost> host = TargetHost.parse(address);
    if (host.isEmpty() || host.get().address().isEmpty()) {
      throw new IllegalArgumentException("'" + value + "' is not an IP network (address/prefix)");
    }
    InetAddress network = host.get().address().get();
    int bits = network.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' has no numeric prefix length");
    }
    return new Cidr(network, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int full = prefixLength / 8;
    if (!Arrays.equals(candidate, 0, full, base, 0, full)) {
      return false;
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (base[full] & mask);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }

  static Cidr unchecked(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e);
    }
  }
}
