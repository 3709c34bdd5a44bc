package io.callstream.sink.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one portal's offline event queue without losing anything (contract §5.6):
 * {@code event.offline.get} with {@code clear=0} marks the events with this receiver's process
 * id and returns them; they are cleared with {@code event.offline.clear} only after their commands
 * (or dead letters) are acknowledged by Kafka. The process id is fixed per sink and portal, so
 * after a crash between get and clear the next get returns the same events again; the ones
 * already in Kafka are recognised by their command id and only cleared.
 */
final class OfflinePoller {

  static final int LIMIT = 50;
  static final List<String> EVENT_NAMES = List.of(CrmEvent.CLICK_TO_CALL.eventName(),
      CrmEvent.CALLBACK.eventName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one round did. */
  record Round(int received, int cleared, Optional<String> clearError) {
  }

  /** A round that could not read the queue or could not put its requests into Kafka. */
  static final class PollException extends Exception {
    PollException(String message) {
      super(message);
    }
  }

  private final String portalId;
  private final BitrixClient client;
  private final String processId;
  private final RequestProcessor processor;
  private final BoundedCalls calls;
  private final Clock clock;

  OfflinePoller(String portalId, BitrixClient client, String processId, RequestProcessor processor,
      BoundedCalls calls, Clock clock) {
    this.portalId = portalId;
    this.client = client;
    this.processId = processId;
    this.processor = processor;
    this.calls = calls;
    this.clock = clock;
  }

  Round pollOnce() throws PollException, InterruptedException {
    Map<String, Object> get = new LinkedHashMap<>();
    get.put("process_id", processId);
    get.put("clear", 0);
    get.put("limit", LIMIT);
    get.put("filter", Map.of("EVENT_NAME", EVENT_NAMES));
    BitrixReply reply = calls.call(client, "event.offline.get", get, true);
    if (reply instanceof BitrixReply.Failure f) {
      throw new PollException("event.offline.get failed (" + f.errorClass() + "): " + f.error());
    }
    List<CrmRequest> requests = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (JsonNode e : ((BitrixReply.Success) reply).result().path("events")) {
      Optional<CrmEvent> event = CrmEvent.of(e.path("EVENT_NAME").asText(null));
      if (event.isEmpty()) {
        // Not ours: another part of the application may read it; it is never cleared here.
        continue;
      }
      Map<String, String> data = new LinkedHashMap<>();
      e.path("EVENT_DATA").properties().forEach(f -> data.put(f.getKey(), f.getValue().isValueNode()
          ? f.getValue().asText() : JSON.valueToTree(f.getValue()).toString()));
      requests.add(new CrmRequest(portalId, event.get(), data, time(e.path("TIMESTAMP_X")),
          "offline:" + e.path("ID").asText()));
      ids.add(e.path("ID").asLong());
    }
    if (requests.isEmpty()) {
      return new Round(0, 0, Optional.empty());
    }
    List<RequestProcessor.Outcome> outcomes;
    try {
      outcomes = processor.process(requests, false);
    } catch (RequestPublisher.PublishException e) {
      throw new PollException("requests not cleared, Kafka did not take them: " + e.getMessage());
    }
    List<Long> done = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (outcomes.get(i) != RequestProcessor.Outcome.LATER) {
        done.add(ids.get(i));
      }
    }
    if (done.isEmpty()) {
      return new Round(requests.size(), 0, Optional.empty());
    }
    BitrixReply cleared = calls.call(client, "event.offline.clear",
        Map.of("process_id", processId, "id", done), true);
    if (cleared instanceof BitrixReply.Failure f) {
      // Safe to leave: the next get returns them and they are recognised as already published.
      return new Round(requests.size(), 0, Optional.of("event.offline.clear failed ("
          + f.errorClass() + "): " + f.error()));
    }
    return new Round(requests.size(), done.size(), Optional.empty());
  }

  private Instant time(JsonNode timestamp) {
    try {
      return OffsetDateTime.parse(timestamp.asText("")).toInstant();
    } catch (DateTimeParseException e) {
      // Without a queue time the request's age is unknown; treat it as fresh rather than drop it.
      return clock.instant();
    }
  }
}
