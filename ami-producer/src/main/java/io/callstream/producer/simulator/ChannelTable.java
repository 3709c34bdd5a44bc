package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiTimestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels and bridges alive at this point of the replay, with their latest snapshots, so
 * the simulator can answer CoreShowChannels and BridgeList the way Asterisk does after a
 * reconnect (including each channel's BridgeId and Duration).
 */
final class ChannelTable {

  /** The snapshot headers a CoreShowChannel item carries (Asterisk's channel snapshot block). */
  private static final List<String> SNAPSHOT = List.of("Channel", "ChannelState", "ChannelStateDesc",
      "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language",
      "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid");
  private static final Set<String> SNAPSHOT_NAMES = Set.copyOf(SNAPSHOT);
  private static final List<String> BRIDGE = List.of("BridgeUniqueid", "BridgeType",
      "BridgeTechnology", "BridgeCreator", "BridgeName", "BridgeNumChannels", "BridgeVideoSourceMode");
  private static final Set<String> BRIDGE_NAMES = Set.copyOf(BRIDGE);

  private final Map<String, Map<String, String>> channels = new LinkedHashMap<>();
  private final Map<String, Long> createdMicros = new LinkedHashMap<>();
  private final Map<String, String> bridgeOf = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> bridges = new LinkedHashMap<>();
  private long nowMicros;

  /** Applies one replayed event (after rewriting). */
  synchronized void apply(String eventName, List<AmiHeader> headers) {
    if (eventName == null) {
      return;
    }
    String uniqueid = null;
    String bridge = null;
    for (AmiHeader h : headers) {
      if (h.getName().equals("Uniqueid") && uniqueid == null) {
        uniqueid = h.getValue();
      } else if (h.getName().equals("BridgeUniqueid") && bridge == null) {
        bridge = h.getValue();
      } else if (h.getName().equals("Timestamp")) {
        Long micros = AmiTimestamps.toMicros(h.getValue());
        nowMicros = micros == null ? nowMicros : micros;
      }
    }
    if (bridge != null) {
      applyBridge(eventName, bridge, uniqueid, headers);
    }
    if (uniqueid != null) {
      applyChannel(eventName, uniqueid, headers);
    }
  }

  private void applyChannel(String eventName, String uniqueid, List<AmiHeader> headers) {
    if (eventName.equals("Hangup")) {
      channels.remove(uniqueid);
      createdMicros.remove(uniqueid);
      bridgeOf.remove(uniqueid);
      return;
    }
    if (!channels.containsKey(uniqueid) && !eventName.equals("Newchannel")) {
      return;
    }
    createdMicros.putIfAbsent(uniqueid, nowMicros);
    Map<String, String> snapshot = channels.computeIfAbsent(uniqueid, k -> new LinkedHashMap<>());
    for (AmiHeader h : headers) {
      if (SNAPSHOT_NAMES.contains(h.getName())) {
        snapshot.put(h.getName(), h.getValue());
      } else if (eventName.equals("Rename") && h.getName().equals("Newname")) {
        snapshot.put("Channel", h.getValue());
      }
    }
  }

  private void applyBridge(String eventName, String bridge, String uniqueid, List<AmiHeader> headers) {
    if (eventName.equals("BridgeDestroy")) {
      bridges.remove(bridge);
      return;
    }
    Map<String, String> snapshot = bridges.computeIfAbsent(bridge, k -> new LinkedHashMap<>());
    for (AmiHeader h : headers) {
      if (BRIDGE_NAMES.contains(h.getName())) {
        snapshot.put(h.getName(), h.getValue());
      }
    }
    if (uniqueid != null && eventName.equals("BridgeEnter")) {
      bridgeOf.put(uniqueid, bridge);
    } else if (uniqueid != null && eventName.equals("BridgeLeave")) {
      bridgeOf.remove(uniqueid);
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
    for (Map.Entry<String, Map<String, String>> e : channels.entrySet()) {
      out.append("Event: CoreShowChannel\r\n").append(id(actionId));
      for (String name : SNAPSHOT) {
        String value = e.getValue().get(name);
        if (value != null) {
          out.append(name).append(": ").append(value).append("\r\n");
        }
      }
      long seconds = Math.max(0, nowMicros - createdMicros.getOrDefault(e.getKey(), nowMicros)) / 1_000_000;
      out.append("Application: \r\nApplicationData: \r\n")
          .append(String.format("Duration: %02d:%02d:%02d\r\n", seconds / 3600, seconds / 60 % 60, seconds % 60))
          .append("BridgeId: ").append(bridgeOf.getOrDefault(e.getKey(), "")).append("\r\n\r\n");
    }
    out.append("Event: CoreShowChannelsComplete\r\n").append(id(actionId))
        .append("EventList: Complete\r\nListItems: ").append(channels.size()).append("\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The BridgeList answer: response, one BridgeListItem per bridge, Complete. */
  synchronized byte[] bridgeList(String actionId) {
    StringBuilder out = new StringBuilder();
    out.append("Response: Success\r\n").append(id(actionId))
        .append("EventList: start\r\nMessage: Bridge listing will follow\r\n\r\n");
    for (Map<String, String> snapshot : bridges.values()) {
      out.append("Event: BridgeListItem\r\n").append(id(actionId));
      for (String name : BRIDGE) {
        String value = snapshot.get(name);
        if (value != null) {
          out.append(name).append(": ").append(value).append("\r\n");
        }
      }
      out.append("\r\n");
    }
    out.append("Event: BridgeListComplete\r\n").append(id(actionId))
        .append("EventList: Complete\r\nListItems: ").append(bridges.size()).append("\r\n\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  synchronized List<String> uniqueids() {
    return new ArrayList<>(channels.keySet());
  }

  synchronized List<String> bridgeIds() {
    return new ArrayList<>(bridges.keySet());
  }

  private static String id(String actionId) {
    return actionId == null ? "" : "ActionID: " + actionId + "\r\n";
  }
}
