package io.callstream.deploy.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations endpoints of a CallStream process: {@code /metrics} (Prometheus text format),
 * {@code /health/live} (the process answers) and {@code /health/ready} (every component ready;
 * 503 with the reasons otherwise). Read-only.
 */
public final class OpsServer implements AutoCloseable {

  private final HttpServer server;

  private OpsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param bindAddress where to listen, for example 127.0.0.1 or 0.0.0.0 for a scraper elsewhere
   * @param port 0 for any free port
   */
  public static OpsServer start(String bindAddress, int port, PrometheusMeterRegistry registry,
      List<Readiness> components) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
    ObjectMapper json = new ObjectMapper();
    server.createContext("/metrics", exchange -> respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8)));
    server.createContext("/health/live", exchange ->
        respond(exchange, 200, "application/json", "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8)));
    server.createContext("/health/ready", exchange -> {
      Map<String, Object> body = new LinkedHashMap<>();
      boolean allReady = true;
      Map<String, Object> details = new LinkedHashMap<>();
      for (Readiness component : components) {
        boolean ready = component.ready();
        allReady &= ready;
        details.put(component.component(), Map.of("ready", ready, "detail", component.detail()));
      }
      body.put("status", allReady ? "UP" : "DOWN");
      body.put("components", details);
      respond(exchange, allReady ? 200 : 503, "application/json", json.writeValueAsBytes(body));
    });
    server.start();
    return new OpsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
