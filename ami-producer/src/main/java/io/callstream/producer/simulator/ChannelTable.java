package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels alive at this point of the replay, with their latest snapshot, so the simulator
 * can answer CoreShowChannels the way Asterisk does after a reconnect.
 */
final class ChannelTable {

  /** The snapshot headers a CoreShowChannel item carries (Asterisk's channel snapshot block). */
  private static final List<String> SNAPSHOT = List.of("Channel", "ChannelState", "ChannelStateDesc",
      "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language",
      "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid");
  private static final Set<String> SNAPSHOT_NAMES = Set.copyOf(SNAPSHOT);

  private final Map<String, Map<String, String>> channels = new LinkedHashMap<>();

  /** Applies one replayed event (after rewriting). */
  synchronized void apply(String eventName, List<AmiHeader> headers) {
    String uniqueid = null;
    for (AmiHeader h : headers) {
      if (h.getName().equals("Uniqueid")) {
        uniqueid = h.getValue();
        break;
      }
    }
    if (uniqueid == null || eventName == null) {
      return;
    }
    if (eventName.equals("Hangup")) {
      channels.remove(uniqueid);
      return;
    }
    boolean known = channels.containsKey(uniqueid);
    if (!known && !eventName.equals("Newchannel")) {
      return;
    }
    Map<String, String> snapshot = channels.computeIfAbsent(uniqueid, k -> new LinkedHashMap<>());
    for (AmiHeader h : headers) {
      if (SNAPSHOT_NAMES.contains(h.getName())) {
        snapshot.put(h.getName(), h.getValue());
      }
    }
    if (eventName.equals("Rename")) {
      for (AmiHeader h : headers) {
        if (h.getName().equals("Newname")) {
          snapshot.put("Channel", h.getValue());
        }
      }
    }
  }

  synchronized int size() {
    return channels.size();
  }

  /** The CoreShowChannels answer: response, one CoreShowChannel per channel, Complete. */
  synchronized byte[] coreShowChannels(String actionId) {
    StringBuilder out = new StringBuilder();
    out.append("Response: Success\r\n").append(id(actionId))
        .append("EventList: start\r\nMessage: Channels will follow\r\n\r\n");
    for (Map<String, String> snapshot : channels.values()) {
      out.append("Event: CoreShowChannel\r\n").append(id(actionId));
      for (String name : SNAPSHOT) {
        String value = snapshot.get(name);
        if (value != null) {
          out.append(name).append(": ").append(value).append("\r\n");
        }
      }
      out.append("Application: \r\nApplicationData: \r\nDuration: 00:00:01\r\nBridgeId: \r\n\r\n");
    }
    out.append("Event: CoreShowChannelsComplete\r\n").append(id(actionId))
        .append("EventList: Complete\r\nListItems: ").append(channels.size()).append("\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  synchronized List<String> uniqueids() {
    return new ArrayList<>(channels.keySet());
  }

  private static String id(String actionId) {
    return actionId == null ? "" : "ActionID: " + actionId + "\r\n";
  }
}
