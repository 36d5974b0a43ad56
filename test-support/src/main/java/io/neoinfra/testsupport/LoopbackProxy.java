package io.neoinfra.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of a local server, that a test can take down (connections refused, open
 * ones cut) and bring back on the same port: a database server that goes away and returns, without touching the real
 * one. Loopback only.
 */
public final class LoopbackProxy implements AutoCloseable {

  private final int port;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket listener;
  private volatile Thread acceptor;

  private LoopbackProxy(int port, int targetPort) {
    this.port = port;
    this.targetPort = targetPort;
  }

  /** A proxy to {@code 127.0.0.1:targetPort} on a free port, initially down (nothing listens). */
  public static LoopbackProxy down(int targetPort) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new LoopbackProxy(probe.getLocalPort(), targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A proxy that is up at once. */
  public static LoopbackProxy up(int targetPort) {
    LoopbackProxy proxy = down(targetPort);
    proxy.bringUp();
    return proxy;
  }

  public int port() {
    return port;
  }

  public synchronized void bringUp() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listener = socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    ServerSocket current = listener;
    acceptor = new Thread(() -> accept(current), "loopback-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Refuses new connections and cuts the open ones, as a server that went away. */
  public synchronized void takeDown() {
    ServerSocket current = listener;
    listener = null;
    closeQuietly(current);
    open.forEach(LoopbackProxy::closeQuietly);
    open.clear();
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return; // listener closed by takeDown() or close()
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed: close the other so the peer sees the cut
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "loopback-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // closing a socket that is already gone
    }
  }

  @Override
  public void close() {
    takeDown();
  }
}
