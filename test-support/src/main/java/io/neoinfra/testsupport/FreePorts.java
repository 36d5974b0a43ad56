package io.neoinfra.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a server a test or the benchmark harness starts later on loopback. {@code new ServerSocket(0)} hands out a port of the kernel's
 * ephemeral range (32768–60999 here), the same range outgoing connections take their local ports from, so between the
 * probe and the server's own bind another connection can take it ("Address already in use", seen in CI). These ports
 * come from below that range, where only servers bind.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int ABOVE_HIGHEST = 32_768;

  private FreePorts() {}

  /** A loopback port in 20000–32767 that nothing listens on right now. */
  public static int next() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ABOVE_HIGHEST);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return port;
      } catch (IOException taken) {
        // in use: try another
      }
    }
    throw new IllegalStateException("no free loopback port found in " + LOWEST + "–" + (ABOVE_HIGHEST - 1));
  }
}
