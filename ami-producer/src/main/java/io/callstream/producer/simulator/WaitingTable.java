package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The callers waiting in queues and the parked calls at this point of the replay, from the
 * QueueCaller* and *Parked* events, so QueueStatus and ParkedCalls answer with what a real PBX
 * would list. Queue members and queue settings are not in the event stream and are not listed.
 */
final class WaitingTable {

  private static final Set<String> QUEUE_END = Set.of("QueueCallerLeave", "QueueCallerAbandon");
  private static final Set<String> PARK_END = Set.of("UnParkedCall", "ParkedCallGiveUp",
      "ParkedCallTimeOut");
  private static final List<String> ENTRY = List.of("Channel", "CallerIDNum", "CallerIDName",
      "ConnectedLineNum", "ConnectedLineName", "Uniqueid", "Linkedid");

  /** Uniqueid → the QueueCallerJoin headers. */
  private final Map<String, Map<String, String>> queued = new LinkedHashMap<>();
  /** ParkeeUniqueid → the ParkedCall headers. */
  private final Map<String, Map<String, String>> parked = new LinkedHashMap<>();

  synchronized void apply(String eventName, List<AmiHeader> headers) {
    if (eventName == null) {
      return;
    }
    if (eventName.equals("QueueCallerJoin")) {
      queued.put(first(headers, "Uniqueid"), map(headers));
    } else if (QUEUE_END.contains(eventName)) {
      queued.remove(first(headers, "Uniqueid"));
    } else if (eventName.equals("ParkedCall")) {
      parked.put(first(headers, "ParkeeUniqueid"), map(headers));
    } else if (PARK_END.contains(eventName)) {
      parked.remove(first(headers, "ParkeeUniqueid"));
    } else if (eventName.equals("Hangup")) {
      queued.remove(first(headers, "Uniqueid"));
      parked.remove(first(headers, "Uniqueid"));
    }
  }

  /** QueueStatus: one QueueParams per queue with waiting callers, one QueueEntry per caller. */
  synchronized byte[] queueStatus(String actionId) {
    StringBuilder out = new StringBuilder();
    out.append("Response: Success\r\n").append(id(actionId))
        .append("EventList: start\r\nMessage: Queue status will follow\r\n\r\n");
    Map<String, Integer> calls = new LinkedHashMap<>();
    queued.values().forEach(q -> calls.merge(q.getOrDefault("Queue", ""), 1, Integer::sum));
    int items = 0;
    for (Map.Entry<String, Integer> queue : calls.entrySet()) {
      out.append("Event: QueueParams\r\nQueue: ").append(queue.getKey()).append("\r\nCalls: ")
          .append(queue.getValue()).append("\r\n").append(id(actionId)).append("\r\n");
      items++;
      int position = 0;
      for (Map<String, String> caller : queued.values()) {
        if (!queue.getKey().equals(caller.getOrDefault("Queue", ""))) {
          continue;
        }
        out.append("Event: QueueEntry\r\nQueue: ").append(queue.getKey()).append("\r\nPosition: ")
            .append(++position).append("\r\n");
        for (String name : ENTRY) {
          out.append(name).append(": ").append(caller.getOrDefault(name, "")).append("\r\n");
        }
        out.append(id(actionId)).append("\r\n");
        items++;
      }
    }
    out.append("Event: QueueStatusComplete\r\n").append(id(actionId))
        .append("EventList: Complete\r\nListItems: ").append(items).append("\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** ParkedCalls: one ParkedCall per parked channel with its Parkee and parking headers. */
  synchronized byte[] parkedCalls(String actionId) {
    StringBuilder out = new StringBuilder();
    out.append("Response: Success\r\n").append(id(actionId))
        .append("EventList: start\r\nMessage: Parked calls will follow\r\n\r\n");
    for (Map<String, String> call : parked.values()) {
      out.append("Event: ParkedCall\r\n").append(id(actionId));
      call.forEach((name, value) -> {
        if (name.startsWith("Parkee") || name.startsWith("Parking") || name.equals("Parkinglot")
            || name.equals("ParkerDialString")) {
          out.append(name).append(": ").append(value).append("\r\n");
        }
      });
      out.append("\r\n");
    }
    out.append("Event: ParkedCallsComplete\r\n").append(id(actionId))
        .append("EventList: Complete\r\nListItems: ").append(parked.size()).append("\r\nTotal: ")
        .append(parked.size()).append("\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> map(List<AmiHeader> headers) {
    Map<String, String> m = new LinkedHashMap<>();
    headers.forEach(h -> m.putIfAbsent(h.getName(), h.getValue()));
    return m;
  }

  private static String first(List<AmiHeader> headers, String name) {
    for (AmiHeader h : headers) {
      if (h.getName().equals(name)) {
        return h.getValue();
      }
    }
    return "";
  }

  private static String id(String actionId) {
    return actionId == null ? "" : "ActionID: " + actionId + "\r\n";
  }
}
