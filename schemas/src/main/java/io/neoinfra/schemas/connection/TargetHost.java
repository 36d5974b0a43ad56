package io.neoinfra.schemas.connection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host that passed the rules: a host name of RFC 1123 labels, or an IP literal. {@link #address()} is set for a
 * literal only; names are resolved when connecting, and the socket checks the resolved address.
 */
public record TargetHost(String name, InetAddress literal) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
  public static final int MAX_LENGTH = 253;

  public Optional<InetAddress> address() {
    return Optional.ofNullable(literal);
  }

  /** The host as a driver URL needs it: IPv6 literals in brackets. */
  public String forUrl() {
    return literal instanceof Inet6Address ? "[" + literal.getHostAddress() + "]" : name;
  }

  /** The host, or empty when {@code value} is neither a host name nor an IP literal. Never looks anything up. */
  public static Optional<TargetHost> parse(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH + 2) {
      return Optional.empty();
    }
    String bare = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    if (bare.indexOf(':') >= 0) {
      return IPV6_CHARACTERS.matcher(bare).matches() ? literal(bare) : Optional.empty();
    }
    if (!bare.equals(value) || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    if (IPV4.matcher(value).matches()) {
      return literal(value);
    }
    String[] labels = value.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    // An all-numeric last label would read as a (legacy, partial) IPv4 address to resolvers: "10.1" or "1.2.3".
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    return Optional.of(new TargetHost(value, null));
  }

  // Only called with a string that is an IP literal by its characters: InetAddress parses it without DNS.
  private static Optional<TargetHost> literal(String text) {
    try {
      // Brackets make the JDK treat the text as an IPv6 literal (or fail) rather than a name to look up.
      InetAddress address = InetAddress.getByName(text.indexOf(':') >= 0 ? "[" + text + "]" : text);
      return Optional.of(new TargetHost(address.getHostAddress(), address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
