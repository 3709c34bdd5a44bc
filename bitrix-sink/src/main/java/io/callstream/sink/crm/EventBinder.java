package io.callstream.sink.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.config.EventsConfig;
import io.callstream.sink.config.EventsMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a portal's bindings match its mode (contract §5.5): {@code event.get}, then
 * {@code event.bind} only what is missing ("already binded" counts as done), and
 * {@code event.unbind} the other mode's bindings of our two events, because an event bound both
 * ways would arrive twice by two paths.
 */
final class EventBinder {

  private final BitrixClient client;
  private final BoundedCalls calls;

  EventBinder(BitrixClient client, BoundedCalls calls) {
    this.client = client;
    this.calls = calls;
  }

  /** @return what was changed, for the log */
  List<String> ensure(EventsConfig events) throws BindException, InterruptedException {
    List<Map<String, Object>> changes = new ArrayList<>();
    JsonNode bound = bindings();
    for (CrmEvent e : CrmEvent.values()) {
      boolean offline = false;
      boolean handler = false;
      for (JsonNode b : bound) {
        if (!e.eventName().equals(b.path("event").asText("").toUpperCase(Locale.ROOT))) {
          continue;
        }
        if (b.path("offline").asInt(0) == 1) {
          offline = true;
          if (events.mode() == EventsMode.HANDLER) {
            changes.add(Map.of("method", "event.unbind", "event", e.eventName(),
                "event_type", "offline"));
          }
        } else if (events.mode() == EventsMode.HANDLER
            && b.path("handler").asText("").equals(events.handlerUrl().orElseThrow())) {
          handler = true;
        } else {
          changes.add(Map.of("method", "event.unbind", "event", e.eventName(),
              "handler", b.path("handler").asText("")));
        }
      }
      if (events.mode() == EventsMode.OFFLINE && !offline) {
        changes.add(Map.of("method", "event.bind", "event", e.eventName(), "event_type", "offline"));
      }
      if (events.mode() == EventsMode.HANDLER && !handler) {
        changes.add(Map.of("method", "event.bind", "event", e.eventName(),
            "handler", events.handlerUrl().orElseThrow()));
      }
    }
    List<String> done = new ArrayList<>();
    for (Map<String, Object> change : changes) {
      Map<String, Object> params = new LinkedHashMap<>(change);
      String method = (String) params.remove("method");
      BitrixReply r = calls.call(client, method, params, true);
      if (r instanceof BitrixReply.Failure f && f.errorClass() != ErrorClass.ALREADY_APPLIED) {
        throw new BindException(method + " " + params.get("event") + " failed (" + f.errorClass()
            + "): " + f.error());
      }
      done.add(method + " " + params);
    }
    return done;
  }

  /** {@code event.get}: the application's bindings. */
  JsonNode bindings() throws BindException, InterruptedException {
    BitrixReply r = calls.call(client, "event.get", Map.of(), true);
    if (r instanceof BitrixReply.Failure f) {
      throw new BindException("event.get failed (" + f.errorClass() + "): " + f.error());
    }
    return ((BitrixReply.Success) r).result();
  }

  /** Binding could not be checked or changed. */
  static final class BindException extends Exception {
    BindException(String message) {
      super(message);
    }
  }
}
