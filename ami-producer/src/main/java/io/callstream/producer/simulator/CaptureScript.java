package io.callstream.producer.simulator;

import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.AmiFrameListener;
import io.callstream.schemas.ami.AmiFrameReader;
import io.callstream.schemas.ami.InvalidFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one capture file, in order, with their PBX times. Banner and responses belong to
 * the recording session and are not replayed; every Event frame is.
 */
final class CaptureScript {

  private final String name;
  private final List<ScriptFrame> frames;

  private CaptureScript(String name, List<ScriptFrame> frames) {
    this.name = name;
    this.frames = List.copyOf(frames);
  }

  static CaptureScript parse(String name, byte[] capture) {
    List<ScriptFrame> frames = new ArrayList<>();
    long[] clock = {0};
    AmiFrameReader reader = new AmiFrameReader(1 << 20, new AmiFrameListener() {
        @Override
        public void onFrame(AmiFrame frame) {
          if (frame.pbxTimeMicros() != null) {
            clock[0] = frame.pbxTimeMicros();
          }
          if (frame.kind() == AmiFrameKind.EVENT) {
            byte[] bytes = AmiEvents.frameBytes(AmiEvents.fromFrame(frame, "", "", 0,
                java.time.Instant.EPOCH));
            frames.add(new ScriptFrame(clock[0], frame.headers(), bytes,
                LoopRewriter.template(frame.headers())));
          }
        }

        @Override
        public void onInvalid(InvalidFrame invalid) {
          throw new IllegalArgumentException("capture " + name + " has an invalid frame: "
              + invalid.detail());
        }
      });
    reader.feed(capture, 0, capture.length);
    reader.endOfStream();
    long first = frames.stream().mapToLong(ScriptFrame::pbxMicros).filter(t -> t > 0).findFirst().orElse(0);
    List<ScriptFrame> timed = new ArrayList<>(frames.size());
    for (ScriptFrame f : frames) {
      timed.add(f.pbxMicros() > 0 ? f : new ScriptFrame(first, f.headers(), f.bytes(), f.template()));
    }
    return new CaptureScript(name, timed);
  }

  String name() {
    return name;
  }

  List<ScriptFrame> frames() {
    return frames;
  }

  long startMicros() {
    return frames.isEmpty() ? 0 : frames.get(0).pbxMicros();
  }

  long spanMicros() {
    return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).pbxMicros() - startMicros();
  }
}
