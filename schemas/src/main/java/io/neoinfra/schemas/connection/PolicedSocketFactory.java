package io.neoinfra.schemas.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * pgjdbc's {@code socketFactory}: the driver creates it by class name with the text of {@code socketFactoryArg}
 * (the policy, {@link NetworkPolicy#toText()}), and connects the unconnected {@link PolicedSocket} it returns. Only
 * the platform sets these two properties ({@link DriverProperties}).
 */
public final class PolicedSocketFactory extends SocketFactory {

  private final NetworkPolicy policy;

  public PolicedSocketFactory(String policy) {
    this.policy = NetworkPolicy.parse(policy);
  }

  @Override
  public Socket createSocket() {
    return new PolicedSocket(policy);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }
}
