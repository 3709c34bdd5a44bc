package io.callstream.schemas.ami;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Builds {@link AmiEvent} records from frames and markers, and rebuilds a frame's exact bytes. */
public final class AmiEvents {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] SEPARATOR = {':', ' '};

  private AmiEvents() {
  }

  /** A received frame, placed at {@code sequence} of {@code connectionId}. */
  public static AmiEvent fromFrame(AmiFrame frame, String pbxId, String connectionId,
      long sequence, Instant receivedAt) {
    return AmiEvent.newBuilder()
        .setPbxId(pbxId)
        .setConnectionId(connectionId)
        .setSequence(sequence)
        .setReceivedAt(receivedAt)
        .setPbxTime(frame.pbxTimeMicros() == null ? null : micros(frame.pbxTimeMicros()))
        .setKind(frame.kind())
        .setEventName(frame.eventName())
        .setHeaders(frame.headers())
        .setRawFrame(frame.rawFrame() == null ? null : ByteBuffer.wrap(frame.rawFrame()))
        .setDetail(frame.banner())
        .build();
  }

  /** A marker the producer writes about the connection (CONNECTED, DISCONNECTED, RESYNC_*). */
  public static AmiEvent marker(AmiFrameKind kind, String pbxId, String connectionId,
      long sequence, Instant at, String detail, Long droppedFrames) {
    return AmiEvent.newBuilder()
        .setPbxId(pbxId)
        .setConnectionId(connectionId)
        .setSequence(sequence)
        .setReceivedAt(at)
        .setKind(kind)
        .setHeaders(List.of())
        .setDetail(detail)
        .setDroppedFrames(droppedFrames)
        .build();
  }

  /** Whether the record is a received frame (as opposed to a producer marker). */
  public static boolean isFrame(AmiEvent event) {
    return switch (event.getKind()) {
      case BANNER, RESPONSE, EVENT, UNKNOWN -> true;
      default -> false;
    };
  }

  /** The exact bytes the PBX sent for this frame; empty for markers. */
  public static byte[] frameBytes(AmiEvent event) {
    if (event.getRawFrame() != null) {
      ByteBuffer raw = event.getRawFrame().duplicate();
      byte[] bytes = new byte[raw.remaining()];
      raw.get(bytes);
      return bytes;
    }
    if (!isFrame(event)) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    if (event.getKind() == AmiFrameKind.BANNER) {
      out.writeBytes(event.getDetail().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(CRLF);
      return out.toByteArray();
    }
    for (AmiHeader header : event.getHeaders()) {
      out.writeBytes(header.getName().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(SEPARATOR);
      out.writeBytes(header.getValue().getBytes(StandardCharsets.UTF_8));
      out.writeBytes(CRLF);
    }
    out.writeBytes(CRLF);
    return out.toByteArray();
  }

  /** The first header with this name, compared case-insensitively (AMI spells names inconsistently). */
  public static String header(AmiEvent event, String name) {
    for (AmiHeader header : event.getHeaders()) {
      if (header.getName().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  private static Instant micros(long epochMicros) {
    return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
  }
}
