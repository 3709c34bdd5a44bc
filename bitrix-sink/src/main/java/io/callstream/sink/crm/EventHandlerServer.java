package io.callstream.sink.crm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callstream.sink.LogContext;
import io.callstream.sink.config.ReceiverConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP handler Bitrix24 posts events to (handler mode). A request is accepted only when it is
 * a form POST whose {@code auth[application_token]} belongs to a handler-mode portal (and whose
 * {@code auth[member_id]} is that portal's, when configured) and whose {@code event} is one of ours; everything else gets the same 403 and the same body, saying
 * nothing about what was wrong. An accepted request is answered 200 only after its command (or
 * its dead letter) is acknowledged by Kafka: Bitrix24 never re-sends an event, so 200 must mean
 * "it is safe".
 */
final class EventHandlerServer implements AutoCloseable {

  static final int MAX_BODY = 64 * 1024;
  static final int REJECTED = 403;
  static final String REJECTED_BODY = "Forbidden";
  private static final Logger LOG = LoggerFactory.getLogger(EventHandlerServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final ApplicationTokens tokens;
  private final Map<String, String> memberIds;
  private final RequestProcessor processor;
  private final Clock clock;

  /** @param memberIds portal → required {@code auth[member_id]}, for portals that configure one */
  EventHandlerServer(ReceiverConfig config, ApplicationTokens tokens, Map<String, String> memberIds,
      RequestProcessor processor, Clock clock) {
    this.tokens = tokens;
    this.memberIds = Map.copyOf(memberIds);
    this.processor = processor;
    this.clock = clock;
    try {
      this.server = HttpServer.create(new InetSocketAddress(config.handlerHost(),
          config.handlerPort()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("the Bitrix24 event handler cannot listen on "
          + config.handlerHost() + ":" + config.handlerPort()
          + " (bitrix.events.handler.host/port)", e);
    }
    this.executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bitrix-event-handler");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext(config.handlerPath(), this::handle);
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Optional<String> body = readBounded(ex.getRequestBody());
      String type = ex.getRequestHeaders().getFirst("Content-Type");
      boolean form = type != null && type.toLowerCase(Locale.ROOT).trim()
          .startsWith("application/x-www-form-urlencoded");
      Optional<Map<String, String>> fields = body.isPresent() && form
          && "POST".equals(ex.getRequestMethod()) ? FormBody.parse(body.get()) : Optional.empty();
      Optional<String> portal = fields.flatMap(f -> tokens.portalOf(f.get("auth[application_token]")))
          .filter(p -> !memberIds.containsKey(p)
              || memberIds.get(p).equals(fields.get().get("auth[member_id]")));
      Optional<CrmEvent> event = fields.flatMap(f -> CrmEvent.of(f.get("event")));
      if (portal.isEmpty() || event.isEmpty()) {
        send(ex, REJECTED, REJECTED_BODY);
        return;
      }
      CrmRequest request = new CrmRequest(portal.get(), event.get(),
          FormBody.group(fields.get(), "data"), sentAt(fields.get().get("ts")),
          "ts:" + fields.get().getOrDefault("ts", ""));
      try {
        processor.process(List.of(request), true);
        send(ex, 200, "OK");
      } catch (RequestPublisher.PublishException e) {
        LogContext.call(portal.get(), null, null).run(() ->
            LOG.error("portal {}: {} NOT accepted, Kafka did not take it (Bitrix24 will not re-send "
                + "it): {}", portal.get(), event.get().eventName(), e.getMessage()));
        send(ex, 503, "Unavailable");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        send(ex, 503, "Unavailable");
      }
    } catch (RuntimeException e) {
      LOG.error("Bitrix24 event handler failed", e);
      throw e;
    }
  }

  private Instant sentAt(String ts) {
    return ts != null && ts.matches("[0-9]{1,12}") ? Instant.ofEpochSecond(Long.parseLong(ts))
        : clock.instant();
  }

  /** The body if it fits in {@link #MAX_BODY}; a bigger one is not read further. */
  private static Optional<String> readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? Optional.empty()
        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
