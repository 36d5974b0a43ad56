package io.neoinfra.schemas.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations endpoints every non-Spring service exposes, the same way, because probes and scrapers depend on them
 * (k8s {@code httpGet /health}, Prometheus {@code /metrics}): {@code GET /health} (200 {@code {"status":"UP"}} while
 * {@code healthy} says so, else 503 {@code {"status":"DOWN"}}) and {@code GET /metrics} (Prometheus text format). On
 * the JDK's own HTTP server, so a service starts it in milliseconds and this module gains no dependency; the caller
 * passes its registry's scrape as a {@code Supplier}, so no metrics library is needed here either.
 */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  /**
   * Listens on {@code port} (0 = any free port) on every interface, as a container's probe needs.
   *
   * @param service names the server's thread ({@code neo-<service>-http})
   */
  public HealthServer(String service, int port, BooleanSupplier healthy, Supplier<String> metrics) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " for /health and /metrics", e);
    }
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "neo-" + service + "-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/health", exchange -> {
      boolean up = healthy.getAsBoolean();
      respond(exchange, up ? 200 : 503, "application/json", up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    });
    server.createContext("/metrics", exchange ->
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
