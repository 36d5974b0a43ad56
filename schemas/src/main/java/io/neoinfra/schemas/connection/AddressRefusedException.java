package io.neoinfra.schemas.connection;

import java.net.SocketException;
import java.util.Optional;

/**
 * The address a target's host resolved to is in a network the {@link NetworkPolicy} refuses; thrown by the socket
 * before any byte is sent. Drivers wrap it, so callers look for it in the cause chain ({@link #findIn}).
 */
public final class AddressRefusedException extends SocketException {

  public AddressRefusedException(String message) {
    super(message);
  }

  /** The refusal somewhere in {@code error}'s causes, if that is why the connection failed. */
  public static Optional<AddressRefusedException> findIn(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AddressRefusedException refused) {
        return Optional.of(refused);
      }
    }
    return Optional.empty();
  }
}
