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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test input: recorded sessions, hand-made events and markers. */
public final class Ami {

  public static final String PBX = "pbx1";

  private Ami() {
  }

  /** A recorded scenario as the records of one session (CONNECTED … DISCONNECTED). */
  public static List<AmiEvent> session(String scenario, String connectionId) {
    try {
      return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(scenario)),
          scenario, PBX, connectionId, Instant.EPOCH).events();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hand-made event at {@code seconds} (PBX time) with alternating header names and values. */
  public static AmiEvent event(String name, double seconds, String... headers) {
    List<AmiHeader> list = new ArrayList<>();
    list.add(new AmiHeader("Event", name));
    list.add(new AmiHeader("Privilege", "call,all"));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      list.add(new AmiHeader(headers[i], headers[i + 1]));
    }
    Instant at = Instant.ofEpochMilli(Math.round(seconds * 1000));
    return AmiEvent.newBuilder().setPbxId(PBX).setConnectionId("c1").setSequence(0)
        .setReceivedAt(at).setPbxTime(at).setKind(AmiFrameKind.EVENT).setEventName(name)
        .setHeaders(list).build();
  }

  /** Snapshot headers of a channel, as Newchannel, Hangup and friends carry them. */
  public static String[] channel(String name, String uniqueid, String linkedid, String context,
      String exten, String callerNum, String... more) {
    List<String> h = new ArrayList<>(List.of("Channel", name, "ChannelStateDesc", "Up",
        "CallerIDNum", callerNum, "Context", context, "Exten", exten, "Uniqueid", uniqueid,
        "Linkedid", linkedid));
    h.addAll(List.of(more));
    return h.toArray(String[]::new);
  }

  public static AmiEvent marker(AmiFrameKind kind, String connectionId, double seconds) {
    return AmiEvents.marker(kind, PBX, connectionId, 0,
        Instant.ofEpochMilli(Math.round(seconds * 1000)), kind.name(), null);
  }

  /** The PBX time of a record, else its receive time. */
  public static Instant time(AmiEvent event) {
    return event.getPbxTime() != null ? event.getPbxTime() : event.getReceivedAt();
  }

  /** Index of the first record of a kind. */
  public static int indexOfKind(List<AmiEvent> events, AmiFrameKind kind) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getKind() == kind) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + kind);
  }

  /** Index of the first event matching name and a header value, after {@code from}. */
  public static int indexOf(List<AmiEvent> events, String name, String header, String value) {
    for (int i = 0; i < events.size(); i++) {
      AmiEvent e = events.get(i);
      if (name.equals(e.getEventName()) && value.equals(AmiEvents.header(e, header))) {
        return i;
      }
    }
    throw new IllegalArgumentException("no " + name + " with " + header + "=" + value);
  }
}
