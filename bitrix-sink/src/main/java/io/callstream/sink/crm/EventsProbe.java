package io.callstream.sink.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.OAuthAuthenticator;
import io.callstream.sink.client.PortalClients;
import io.callstream.sink.config.EventsMode;
import io.callstream.sink.config.PortalAuth;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.dispatch.Backoff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * For {@code doctor}: per portal, which way CRM requests arrive and whether it works as far as
 * the API lets us check without placing a call. Offline: both events bound offline and the queue
 * readable ({@code event.offline.list}, which does not take events away from the receiver).
 * Handler: both events bound to the configured URL and the URL answering like our handler (a
 * request without token must get the handler's refusal). Bitrix24 offers no way to send a test
 * telephony event, so reachability of the handler from Bitrix24's servers cannot be proven here.
 */
public final class EventsProbe {

  private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(5);

  private final SinkConfig config;
  private final Map<String, BitrixClient> clients;
  private final BoundedCalls once = new BoundedCalls(1,
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new Random()), ms -> { });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(HANDLER_TIMEOUT).build();

  public EventsProbe(SinkConfig config, Map<String, BitrixClient> clients) {
    this.config = config;
    this.clients = Map.copyOf(clients);
  }

  /**
   * A probe with its own clients. An OAuth refresh during the check rotates the refresh token:
   * pass the same listener the sink uses so the new pair is saved.
   */
  public static EventsProbe create(SinkConfig config,
      BiConsumer<String, OAuthAuthenticator.Tokens> onTokensRotated) {
    return new EventsProbe(config, PortalClients.create(config, onTokensRotated));
  }

  public List<EventsCheck> check() throws InterruptedException {
    List<EventsCheck> out = new ArrayList<>();
    for (PortalConfig p : config.portals().values()) {
      out.add(check(p));
    }
    return out;
  }

  private EventsCheck check(PortalConfig p) throws InterruptedException {
    EventsMode mode = p.events().mode();
    if (mode == EventsMode.OFF) {
      return new EventsCheck(p.id(), mode, true, p.auth() instanceof PortalAuth.Webhook
          ? "not receiving click-to-call or callback requests: an incoming webhook cannot bind "
              + "events; configure the portal as an OAuth application to receive them"
          : "not receiving click-to-call or callback requests (events.mode=off)");
    }
    BitrixClient client = clients.get(p.id());
    JsonNode bound;
    try {
      bound = new EventBinder(client, once).bindings();
    } catch (EventBinder.BindException e) {
      return new EventsCheck(p.id(), mode, false, "cannot read the bindings: " + e.getMessage()
          + " (the application needs the telephony scope and an administrator's installation)");
    }
    List<String> missing = new ArrayList<>();
    for (CrmEvent e : CrmEvent.values()) {
      boolean found = false;
      for (JsonNode b : bound) {
        boolean sameEvent = e.eventName().equals(b.path("event").asText("").toUpperCase(Locale.ROOT));
        found |= sameEvent && (mode == EventsMode.OFFLINE ? b.path("offline").asInt(0) == 1
            : b.path("handler").asText("").equals(p.events().handlerUrl().orElseThrow()));
      }
      if (!found) {
        missing.add(e.eventName());
      }
    }
    String binding = missing.isEmpty() ? "events bound" : "NOT bound: " + missing
        + " (the sink binds them when it starts)";
    return mode == EventsMode.OFFLINE ? offline(p, client, missing.isEmpty(), binding)
        : handler(p, missing.isEmpty(), binding);
  }

  private EventsCheck offline(PortalConfig p, BitrixClient client, boolean bound, String binding)
      throws InterruptedException {
    BitrixReply r = once.call(client, "event.offline.list", Map.of(), true);
    if (r instanceof BitrixReply.Failure f) {
      return new EventsCheck(p.id(), EventsMode.OFFLINE, false, binding
          + "; offline queue not readable: " + f.error());
    }
    int waiting = ((BitrixReply.Success) r).result().size();
    return new EventsCheck(p.id(), EventsMode.OFFLINE, bound, binding + "; offline queue readable, "
        + waiting + " event(s) waiting" + (waiting > 0 ? " (if this stays above 0 for more than "
        + config.receiver().pollInterval().toSeconds() + " s, the sink is not polling)" : ""));
  }

  private EventsCheck handler(PortalConfig p, boolean bound, String binding)
      throws InterruptedException {
    String url = p.events().handlerUrl().orElseThrow();
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
          .timeout(HANDLER_TIMEOUT)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("event=DOCTOR_PROBE")).build(),
          HttpResponse.BodyHandlers.ofString());
      boolean ours = r.statusCode() == EventHandlerServer.REJECTED
          && EventHandlerServer.REJECTED_BODY.equals(r.body());
      return new EventsCheck(p.id(), EventsMode.HANDLER, bound && ours, binding + "; " + (ours
          ? "handler answers at " + url + " (reachability from Bitrix24's servers cannot be tested)"
          : "something else answers at " + url + " (HTTP " + r.statusCode() + ")"));
    } catch (java.io.IOException e) {
      return new EventsCheck(p.id(), EventsMode.HANDLER, false, binding + "; handler URL " + url
          + " does not answer: " + e.getClass().getSimpleName());
    }
  }
}
