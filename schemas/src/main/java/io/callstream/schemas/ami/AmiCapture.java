package io.callstream.schemas.ami;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture file ({@code .ami}): the exact bytes one AMI TCP session received, from the banner on.
 * Read back as the records a producer would have written for that session: CONNECTED at sequence
 * 0, every frame, then DISCONNECTED. A capture holds no receive times, so each frame's receive time
 * is its PBX Timestamp when it has one, else the previous frame's (the session start for the
 * first ones).
 */
public final class AmiCapture {

  /** Largest frame accepted from a capture; larger ones become OVERSIZED invalid frames. */
  public static final int MAX_FRAME_BYTES = 1 << 20;

  private AmiCapture() {
  }

  /** Feeds a whole stream to a listener, then signals its end. */
  public static void read(InputStream in, AmiFrameListener listener) throws IOException {
    AmiFrameReader reader = new AmiFrameReader(MAX_FRAME_BYTES, listener);
    byte[] buffer = new byte[64 * 1024];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      reader.feed(buffer, 0, n);
    }
    reader.endOfStream();
  }

  /** Every frame of the file as one session of {@code pbxId}, between CONNECTED and DISCONNECTED. */
  public static Session session(Path file, String pbxId, String connectionId, Instant sessionStart)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return session(in, file.getFileName().toString(), pbxId, connectionId, sessionStart);
    }
  }

  /** Every frame of a captured stream as one session of {@code pbxId}. */
  public static Session session(InputStream in, String name, String pbxId, String connectionId,
      Instant sessionStart) throws IOException {
    List<AmiEvent> events = new ArrayList<>();
    List<InvalidFrame> invalid = new ArrayList<>();
    events.add(AmiEvents.marker(AmiFrameKind.CONNECTED, pbxId, connectionId, 0, sessionStart,
        "capture " + name, null));
    Instant[] clock = {sessionStart};
    read(in, new AmiFrameListener() {
        @Override
        public void onFrame(AmiFrame frame) {
          if (frame.pbxTimeMicros() != null) {
            clock[0] = Instant.EPOCH.plus(frame.pbxTimeMicros(), ChronoUnit.MICROS);
          }
          events.add(AmiEvents.fromFrame(frame, pbxId, connectionId, events.size(), clock[0]));
        }

        @Override
        public void onInvalid(InvalidFrame frame) {
          invalid.add(frame);
        }
      });
    events.add(AmiEvents.marker(AmiFrameKind.DISCONNECTED, pbxId, connectionId, events.size(),
        clock[0], "end of capture " + name, null));
    return new Session(events, invalid);
  }

  /** The records of one captured session, and what did not parse. */
  public record Session(List<AmiEvent> events, List<InvalidFrame> invalid) {
  }
}
