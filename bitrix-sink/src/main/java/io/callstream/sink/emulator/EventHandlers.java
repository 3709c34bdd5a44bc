package io.callstream.sink.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handlers bound with {@code event.bind}, and delivery of events to them: a form-encoded POST
 * with PHP bracket keys, at most once, no retry (contract §5.1); events bound as offline go to
 * the {@link OfflineQueue} instead (§5.6). Every fired event is remembered for the ledger.
 */
final class EventHandlers {

  private static final Logger LOG = LoggerFactory.getLogger(EventHandlers.class);

  /** An online binding has a handler URL; an offline one has none. */
  private record Binding(String event, String handler, int authType, boolean offline) {
  }

  private final List<Binding> bindings = new ArrayList<>();
  private final List<Ledger.CrmEvent> fired = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String applicationToken;
  private final OfflineQueue offline;
  private int handlerIds = 1000;

  EventHandlers(String applicationToken, OfflineQueue offline) {
    this.applicationToken = applicationToken;
    this.offline = offline;
  }

  /** @return false when exactly this binding exists already */
  synchronized boolean bind(String event, String handler, int authType, boolean offline) {
    Binding b = new Binding(event, offline ? "" : handler, authType, offline);
    if (bindings.contains(b)) {
      return false;
    }
    bindings.add(b);
    return true;
  }

  /** Removes the event's offline bindings, or its online ones for {@code handler}; returns how many. */
  synchronized int unbind(String event, String handler, boolean offline) {
    int before = bindings.size();
    bindings.removeIf(b -> b.event().equals(event) && b.offline() == offline
        && (offline || b.handler().equals(handler)));
    return before - bindings.size();
  }

  synchronized List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Binding b : bindings) {
      out.add(b.offline() ? Map.of("event", b.event(), "connector_id", "", "offline", 1)
          : Map.of("event", b.event(), "handler", b.handler(),
              "auth_type", Integer.toString(b.authType()), "offline", 0));
    }
    return out;
  }

  synchronized List<Ledger.CrmEvent> fired() {
    return List.copyOf(fired);
  }

  /**
   * Queues the event if it is bound offline and POSTs it to every online handler; returns how
   * many handlers accepted it with 2xx.
   */
  int dispatch(String event, Map<String, String> data, String domain) {
    List<Binding> targets;
    boolean queued;
    synchronized (this) {
      targets = bindings.stream().filter(b -> b.event().equals(event) && !b.offline()).toList();
      queued = bindings.stream().anyMatch(b -> b.event().equals(event) && b.offline());
    }
    if (queued) {
      offline.add(event, data);
    }
    int delivered = 0;
    for (Binding b : targets) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("event", event);
      form.put("event_handler_id", Integer.toString(handlerIds++));
      data.forEach((k, v) -> form.put("data[" + k + "]", v));
      form.put("ts", Long.toString(System.currentTimeMillis() / 1000));
      form.put("auth[domain]", domain);
      form.put("auth[client_endpoint]", "http://" + domain + "/rest/");
      form.put("auth[member_id]", "emulatormember0001");
      form.put("auth[application_token]", applicationToken);
      StringBuilder body = new StringBuilder();
      form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(b.handler()))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 == 2) {
          delivered++;
        }
      } catch (Exception e) {
        // At most once, like Bitrix24: a failed delivery is not retried.
        LOG.info("Event {} not delivered to {}: {}", event, b.handler(), e.toString());
      }
    }
    synchronized (this) {
      fired.add(new Ledger.CrmEvent(event, data.get("CALL_ID"), data.get("PHONE_NUMBER"),
          targets.size(), delivered, queued));
    }
    return delivered;
  }
}
