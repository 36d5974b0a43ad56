package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PolicedSocketTest {

  @Test
  void connectsToAnAllowedAddress() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = new PolicedSocketFactory(NetworkPolicy.defaults().toText()).createSocket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);

      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void refusesADeniedAddressBeforeConnecting() throws Exception {
    // Loopback denied for this test only: a listening server shows that the refusal comes before any connection.
    NetworkPolicy denyLoopback = NetworkPolicy.of("", "127.0.0.0/8");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = new PolicedSocket(denyLoopback)) {
      assertThatThrownBy(() -> socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000))
          .isInstanceOf(AddressRefusedException.class).hasMessageContaining("127.0.0.0/8");
      assertThat(socket.isConnected()).isFalse();
    }
  }

  @Test
  void refusesAnUnresolvedAddress() throws Exception {
    try (Socket socket = new PolicedSocket(NetworkPolicy.defaults())) {
      assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("db.example", 5432), 1000))
          .isInstanceOf(AddressRefusedException.class);
    }
  }

  @Test
  void refusesTheMetadataAddressWithoutSendingAnything() throws Exception {
    try (Socket socket = new PolicedSocket(NetworkPolicy.defaults())) {
      assertThatThrownBy(() -> socket.connect(new InetSocketAddress(
          InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254}), 80), 1000))
          .isInstanceOf(AddressRefusedException.class);
      assertThat(socket.isConnected()).isFalse();
    }
  }
}
