package io.neoinfra.schemas.connection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A socket that connects only to an address the {@link NetworkPolicy} permits. The drivers resolve the host once into
 * the {@link InetSocketAddress} they pass here; the check and the connection use that same address, so a DNS answer
 * that changes between a check and the connection (rebinding) cannot slip through.
 */
public final class PolicedSocket extends Socket {

  private final NetworkPolicy policy;

  public PolicedSocket(NetworkPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void connect(SocketAddress endpoint, int timeout) throws IOException {
    if (!(endpoint instanceof InetSocketAddress address) || address.isUnresolved()) {
      throw new AddressRefusedException("the target's address is not resolved, so its network cannot be checked");
    }
    var refusal = policy.refusal(address.getAddress());
    if (refusal.isPresent()) {
      throw new AddressRefusedException("the target's host resolves to an address " + refusal.get().describe());
    }
    super.connect(endpoint, timeout);
  }
}
