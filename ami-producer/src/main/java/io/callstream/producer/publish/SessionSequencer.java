package io.callstream.producer.publish;

import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives the records of one AMI session their place: CONNECTED at sequence 0, then every frame
 * and marker numbered without gaps, then DISCONNECTED. Frames read before login succeeds
 * (banner, challenge and login answers) wait and follow CONNECTED. Called by the reader thread
 * and the connection's supervisor thread; the lock only covers numbering and a non-blocking
 * offer.
 *
 * <p>When the hand-off is full the session is lost from that frame on: nothing more is numbered,
 * every further frame is counted as dropped, and {@code onLoss} asks the connection to close,
 * so the topic holds a gap-free prefix followed by DISCONNECTED with the dropped count.
 */
public final class SessionSequencer {

  private final String pbxId;
  private final String connectionId;
  private final FrameHandoff handoff;
  private final Clock clock;
  private final PbxMetrics metrics;
  private final Consumer<String> onLoss;
  private final List<AmiFrame> held = new ArrayList<>();
  private boolean open;
  private boolean lost;
  private boolean finished;
  private long next;
  private long dropped;

  public SessionSequencer(String pbxId, String connectionId, FrameHandoff handoff, Clock clock,
      PbxMetrics metrics, Consumer<String> onLoss) {
    this.pbxId = pbxId;
    this.connectionId = connectionId;
    this.handoff = handoff;
    this.clock = clock;
    this.metrics = metrics;
    this.onLoss = onLoss;
  }

  public String connectionId() {
    return connectionId;
  }

  /** Login succeeded: CONNECTED, then the frames read so far. */
  public synchronized void open(String banner) {
    open = true;
    offer(AmiEvents.marker(AmiFrameKind.CONNECTED, pbxId, connectionId, next, clock.instant(),
        banner, null));
    for (AmiFrame frame : held) {
      offerFrame(frame);
    }
    held.clear();
  }

  /** A RESYNC_BEGIN/RESYNC_END marker in stream order. */
  public synchronized void marker(AmiFrameKind kind, String detail) {
    if (lost || finished) {
      return;
    }
    offer(AmiEvents.marker(kind, pbxId, connectionId, next, clock.instant(), detail, null));
  }

  /**
   * Ends the session's records with DISCONNECTED. Waits for room in the hand-off: the socket is
   * closed by now, so waiting blocks no reader. Does nothing if the session never opened.
   */
  public void disconnected(String reason) throws InterruptedException {
    AmiEvent marker;
    synchronized (this) {
      if (!open || finished) {
        return;
      }
      finished = true;
      marker = AmiEvents.marker(AmiFrameKind.DISCONNECTED, pbxId, connectionId, next,
          clock.instant(), reason, dropped);
    }
    handoff.put(marker);
  }

  public synchronized long dropped() {
    return dropped;
  }

  /** A frame read from the socket (reader thread). */
  public synchronized void onFrame(AmiFrame frame) {
    metrics.frameRead();
    if (!open) {
      held.add(frame);
    } else {
      offerFrame(frame);
    }
  }

  /** Bytes that did not parse (reader thread); they go to pbx.ami.invalid, unnumbered. */
  public synchronized void onInvalid(InvalidFrame invalid) {
    metrics.invalidFrame();
    InvalidAmiFrame record = InvalidAmiFrame.newBuilder()
        .setPbxId(pbxId)
        .setConnectionId(connectionId)
        .setAfterSequence(next - 1)
        .setReceivedAt(clock.instant())
        .setReason(invalid.reason())
        .setDetail(invalid.detail())
        .setBytes(ByteBuffer.wrap(invalid.bytes()))
        .setOriginalLength(invalid.originalLength())
        .build();
    if (lost || finished || !handoff.offer(record)) {
      loseFrom("the hand-off to Kafka is full");
    }
  }

  private void offerFrame(AmiFrame frame) {
    offer(AmiEvents.fromFrame(frame, pbxId, connectionId, next, clock.instant()));
  }

  private void offer(AmiEvent event) {
    if (!lost && !finished && handoff.offer(event)) {
      next++;
      return;
    }
    loseFrom("the hand-off to Kafka is full (" + handoff.capacity()
        + " records): Kafka is slower than the PBX or unavailable");
  }

  private void loseFrom(String reason) {
    dropped++;
    metrics.droppedFrames(1);
    if (!lost) {
      lost = true;
      onLoss.accept(reason);
    }
  }
}
