package io.callstream.producer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The meters of one PBX connection, all tagged {@code pbx=<pbxId>} (never anything secret).
 * Events/s is the rate of {@code callstream.ami.frames.read}.
 */
public final class PbxMetrics {

  public static final String FRAMES_READ = "callstream.ami.frames.read";
  public static final String RECORDS_ACKED = "callstream.ami.records.acked";
  public static final String INVALID_FRAMES = "callstream.ami.frames.invalid";
  public static final String DROPPED_FRAMES = "callstream.ami.frames.dropped";
  public static final String SEND_ERRORS = "callstream.ami.send.errors";
  public static final String RECONNECTS = "callstream.ami.reconnects";
  public static final String GAPS = "callstream.ami.gaps";
  public static final String AUTH_FAILURES = "callstream.ami.auth.failures";
  public static final String HANDOFF_DEPTH = "callstream.ami.handoff.depth";
  public static final String CONNECTED = "callstream.ami.connected";

  private final Counter framesRead;
  private final Counter recordsAcked;
  private final Counter invalidFrames;
  private final Counter droppedFrames;
  private final Counter sendErrors;
  private final Counter reconnects;
  private final Counter gaps;
  private final Counter authFailures;
  private final AtomicInteger connected = new AtomicInteger();

  public PbxMetrics(MeterRegistry registry, String pbxId, IntSupplier handoffDepth) {
    Tags tags = Tags.of("pbx", pbxId);
    framesRead = Counter.builder(FRAMES_READ).tags(tags)
        .description("AMI frames read from the socket").register(registry);
    recordsAcked = Counter.builder(RECORDS_ACKED).tags(tags)
        .description("records (frames, markers, invalid frames) acknowledged by Kafka").register(registry);
    invalidFrames = Counter.builder(INVALID_FRAMES).tags(tags)
        .description("byte runs that did not parse, sent to pbx.ami.invalid").register(registry);
    droppedFrames = Counter.builder(DROPPED_FRAMES).tags(tags)
        .description("frames read but not published because the hand-off was full").register(registry);
    sendErrors = Counter.builder(SEND_ERRORS).tags(tags)
        .description("records Kafka failed to accept").register(registry);
    reconnects = Counter.builder(RECONNECTS).tags(tags)
        .description("connection attempts after the first").register(registry);
    gaps = Counter.builder(GAPS).tags(tags)
        .description("sessions that ended (DISCONNECTED markers): events may be missing there")
        .register(registry);
    authFailures = Counter.builder(AUTH_FAILURES).tags(tags)
        .description("logins the PBX rejected").register(registry);
    Gauge.builder(HANDOFF_DEPTH, handoffDepth::getAsInt).tags(tags)
        .description("records waiting between the socket reader and Kafka").register(registry);
    Gauge.builder(CONNECTED, connected::get).tags(tags)
        .description("1 while logged in, else 0").register(registry);
  }

  public void frameRead() {
    framesRead.increment();
  }

  public void recordAcked() {
    recordsAcked.increment();
  }

  public void invalidFrame() {
    invalidFrames.increment();
  }

  public void droppedFrames(long count) {
    droppedFrames.increment(count);
  }

  public void sendError() {
    sendErrors.increment();
  }

  public void reconnect() {
    reconnects.increment();
  }

  public void gap() {
    gaps.increment();
  }

  public void authFailure() {
    authFailures.increment();
  }

  public void connected(boolean up) {
    connected.set(up ? 1 : 0);
  }
}
