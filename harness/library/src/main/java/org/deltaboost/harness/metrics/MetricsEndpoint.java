package org.deltaboost.harness.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a Prometheus registry at {@code http://<host>:<port>/metrics} in the Prometheus text
 * format 0.0.4 (JDK {@code com.sun.net.httpserver}, one daemon thread), listening on every
 * interface; {@code GET} or {@code HEAD} only, other paths answer 404. Closing stops it.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The Content-Type of the Prometheus text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(
      PrometheusMeterRegistry registry, HttpServer server, ExecutorService executor) {
    this.registry = registry;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving a new registry.
   *
   * @param port the TCP port, 0 for any free one
   * @return the running endpoint
   * @throws IllegalArgumentException when the port is outside [0, 65535]
   * @throws IOException when it cannot listen (e.g. the port is in use)
   */
  public static MetricsEndpoint start(int port) throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be in [0, 65535] (0 = any free port), got " + port);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "deltaboost-metrics");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, registry));
    server.start();
    return new MetricsEndpoint(registry, server, executor);
  }

  private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        send(exchange, 404, "not found: the metrics are at /metrics\n", method);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "method not allowed: use GET\n", method);
      } else {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        send(exchange, 200, registry.scrape(), method);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String method)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The registry served; runs register their meters here. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port listened on (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The scrape URL on this machine. */
  public String url() {
    return "http://localhost:" + port() + "/metrics";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    registry.close();
  }
}
