package io.callstream.deploy.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The demo's read-only web page on 127.0.0.1: {@code /} is the page, {@code /api/board} the
 * JSON it polls every second.
 */
public final class DemoWebServer implements AutoCloseable {

  private final HttpServer server;

  private DemoWebServer(HttpServer server) {
    this.server = server;
  }

  /** @param port 0 for any free port */
  public static DemoWebServer start(int port, CallBoard board) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    ObjectMapper json = new ObjectMapper();
    byte[] page = page();
    server.createContext("/api/board", exchange ->
        respond(exchange, "application/json", json.writeValueAsBytes(board.snapshot())));
    server.createContext("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        respond(exchange, 404, "text/plain", "not found".getBytes());
      } else {
        respond(exchange, "text/html; charset=utf-8", page);
      }
    });
    server.start();
    return new DemoWebServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static byte[] page() {
    try (InputStream in = DemoWebServer.class.getResourceAsStream("index.html")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
    respond(exchange, 200, type, body);
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      status = 405;
      body = "read-only".getBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
