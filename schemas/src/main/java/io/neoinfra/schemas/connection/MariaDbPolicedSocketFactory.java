package io.neoinfra.schemas.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * MariaDB Connector/J's {@code socketFactory}: the driver creates it by class name, hands it the connection's
 * configuration, whose non-driver option {@value #POLICY_OPTION} carries the policy ({@link NetworkPolicy#toText()},
 * set by {@link DriverProperties}), and connects the unconnected {@link PolicedSocket} it returns.
 */
public final class MariaDbPolicedSocketFactory extends ConfigurableSocketFactory {

  public static final String POLICY_OPTION = "neoNetworkPolicy";

  private NetworkPolicy policy;

  @Override
  public void setConfiguration(Configuration conf, String host) {
    String text = conf.nonMappedOptions().getProperty(POLICY_OPTION);
    if (text == null) {
      throw new IllegalStateException("the connection has no " + POLICY_OPTION + " option");
    }
    this.policy = NetworkPolicy.parse(text);
  }

  @Override
  public Socket createSocket() throws IOException {
    if (policy == null) {
      throw new AddressRefusedException("no network policy was configured for this connection");
    }
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
