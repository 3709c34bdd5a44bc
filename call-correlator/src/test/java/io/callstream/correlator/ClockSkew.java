package io.callstream.correlator;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test input for a PBX whose clock is not the producer's: recorded sessions whose receive times
 * (the producer's clock, also the Kafka record timestamps) are moved away from the PBX
 * Timestamps, reconnects and resync snapshots the producer would write, and sessions of a PBX
 * that sends no Timestamp at all.
 */
public final class ClockSkew {

  public static final Duration FIVE_HOURS = Duration.ofHours(5);

  private ClockSkew() {
  }

  /**
   * A recorded scenario as one session of {@code pbxId}, the producer's clock {@code producerAhead}
   * ahead of the PBX's (negative: the PBX's clock is ahead): CONNECTED when the first frame
   * arrives, every receive time on the producer's clock, PBX Timestamps as recorded.
   */
  public static List<AmiEvent> session(String scenario, String pbxId, String connectionId,
      Duration producerAhead) {
    List<AmiEvent> plain = capture(scenario, pbxId, connectionId, Instant.EPOCH);
    Instant firstFrame = plain.stream().filter(e -> e.getPbxTime() != null).findFirst()
        .orElseThrow().getPbxTime();
    return receivedLater(capture(scenario, pbxId, connectionId, firstFrame), producerAhead);
  }

  /** The same records with every receive time moved by {@code by}. */
  public static List<AmiEvent> receivedLater(List<AmiEvent> events, Duration by) {
    return events.stream().map(e -> AmiEvent.newBuilder(e)
        .setReceivedAt(e.getReceivedAt().plus(by)).build()).toList();
  }

  /** The records a PBX with {@code timestampevents=no} gives: no Timestamp, receive times only. */
  public static List<AmiEvent> withoutTimestamps(List<AmiEvent> events) {
    return events.stream().map(e -> AmiEvent.newBuilder(e).setPbxTime(null).setRawFrame(null)
        .setHeaders(e.getHeaders().stream()
            .filter(h -> !h.getName().equalsIgnoreCase("Timestamp")).toList())
        .build()).toList();
  }

  /**
   * {@code events} with the AMI connection lost and re-established right before record
   * {@code cut}: DISCONNECTED, CONNECTED on {@code connectionId}, and the resync snapshot of the
   * channels alive at that point, all at the receive time of the record before the cut.
   */
  public static List<AmiEvent> reconnectBefore(List<AmiEvent> events, int cut,
      String connectionId) {
    AmiEvent last = events.get(cut - 1);
    List<AmiEvent> out = new ArrayList<>(events.subList(0, cut));
    out.add(marker(AmiFrameKind.DISCONNECTED, last.getPbxId(), last.getConnectionId(),
        last.getReceivedAt()));
    out.addAll(firstConnectionAt(events, cut, connectionId));
    events.subList(cut, events.size()).stream()
        .filter(e -> e.getKind() != AmiFrameKind.CONNECTED).forEach(out::add);
    return out;
  }

  /**
   * What the producer writes when it connects for the first time while the calls of
   * {@code events} are in progress at record {@code cut}: CONNECTED, the resync snapshot of the
   * channels alive then (with their age in {@code Duration}, as {@code CoreShowChannel} has no
   * Timestamp), then the rest of the session.
   */
  public static List<AmiEvent> joinedAt(List<AmiEvent> events, int cut, String connectionId) {
    List<AmiEvent> out = new ArrayList<>(firstConnectionAt(events, cut, connectionId));
    events.subList(cut, events.size()).stream()
        .filter(e -> e.getKind() != AmiFrameKind.CONNECTED).forEach(out::add);
    return out;
  }

  /** The channels alive before record {@code cut} (created, not hung up), by Uniqueid. */
  public static Map<String, Live> liveChannels(List<AmiEvent> events, int cut) {
    Map<String, Live> live = new LinkedHashMap<>();
    for (AmiEvent e : events.subList(0, cut)) {
      String uid = AmiEvents.header(e, "Uniqueid");
      if (uid == null || e.getKind() != AmiFrameKind.EVENT) {
        continue;
      }
      switch (e.getEventName()) {
        case "Newchannel" -> live.put(uid, new Live(e));
        case "Hangup" -> live.remove(uid);
        default -> {
          Live channel = live.get(uid);
          if (channel != null) {
            channel.update(e);
          }
        }
      }
    }
    return live;
  }

  private static List<AmiEvent> firstConnectionAt(List<AmiEvent> events, int cut,
      String connectionId) {
    AmiEvent last = events.get(cut - 1);
    String pbxId = last.getPbxId();
    Instant at = last.getReceivedAt();
    Instant pbxNow = last.getPbxTime() != null ? last.getPbxTime() : at;
    List<AmiEvent> out = new ArrayList<>();
    out.add(marker(AmiFrameKind.CONNECTED, pbxId, connectionId, at));
    out.add(marker(AmiFrameKind.RESYNC_BEGIN, pbxId, connectionId, at));
    for (Live channel : liveChannels(events, cut).values()) {
      out.add(snapshotItem("CoreShowChannel", pbxId, connectionId, at,
          channel.snapshot(pbxNow)));
    }
    out.add(snapshotItem("CoreShowChannelsComplete", pbxId, connectionId, at,
        List.of(new AmiHeader("EventList", "Complete"))));
    out.add(marker(AmiFrameKind.RESYNC_END, pbxId, connectionId, at));
    return out;
  }

  private static AmiEvent snapshotItem(String name, String pbxId, String connectionId,
      Instant at, List<AmiHeader> body) {
    List<AmiHeader> headers = new ArrayList<>();
    headers.add(new AmiHeader("Event", name));
    headers.add(new AmiHeader("ActionID", "resync-" + connectionId));
    headers.addAll(body);
    // List items are action answers: Asterisk stamps no Timestamp on them.
    return AmiEvent.newBuilder().setPbxId(pbxId).setConnectionId(connectionId).setSequence(0)
        .setReceivedAt(at).setPbxTime(null).setKind(AmiFrameKind.EVENT).setEventName(name)
        .setHeaders(headers).build();
  }

  private static AmiEvent marker(AmiFrameKind kind, String pbxId, String connectionId,
      Instant at) {
    return AmiEvents.marker(kind, pbxId, connectionId, 0, at, kind.name(), null);
  }

  private static List<AmiEvent> capture(String scenario, String pbxId, String connectionId,
      Instant sessionStart) {
    try {
      return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(scenario)),
          scenario, pbxId, connectionId, sessionStart).events();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One live channel as a {@code CoreShowChannel} item would describe it. */
  public static final class Live {
    private final Instant created;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String bridgeId = "";

    Live(AmiEvent newchannel) {
      created = newchannel.getPbxTime() != null ? newchannel.getPbxTime()
          : newchannel.getReceivedAt();
      for (String name : List.of("Channel", "Uniqueid", "Linkedid", "Context", "Exten",
          "CallerIDNum", "ChannelStateDesc")) {
        fields.put(name, AmiEvents.header(newchannel, name));
      }
    }

    void update(AmiEvent e) {
      String newName = AmiEvents.header(e, "Newname");
      if ("Rename".equals(e.getEventName()) && newName != null) {
        fields.put("Channel", newName);
      }
      for (String name : List.of("Linkedid", "ChannelStateDesc")) {
        String value = AmiEvents.header(e, name);
        if (value != null) {
          fields.put(name, value);
        }
      }
      if ("BridgeEnter".equals(e.getEventName())) {
        bridgeId = AmiEvents.header(e, "BridgeUniqueid");
      } else if ("BridgeLeave".equals(e.getEventName())) {
        bridgeId = "";
      }
    }

    List<AmiHeader> snapshot(Instant pbxNow) {
      List<AmiHeader> out = new ArrayList<>();
      fields.forEach((k, v) -> {
        if (v != null) {
          out.add(new AmiHeader(k, v));
        }
      });
      long seconds = Duration.between(created, pbxNow).getSeconds();
      out.add(new AmiHeader("Duration", String.format("%02d:%02d:%02d", seconds / 3600,
          seconds / 60 % 60, seconds % 60)));
      out.add(new AmiHeader("BridgeId", bridgeId));
      return out;
    }
  }
}
