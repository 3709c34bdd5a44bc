package io.callstream.producer.capture;

import io.callstream.producer.publish.KafkaPublisher;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.InvalidFrame;
import io.callstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a capture file into the raw topic as one session of a PBX (CONNECTED, every frame,
 * DISCONNECTED, gap-free), as fast as possible or at real time x N. For the demo and
 * {@code callstream capture --publish}.
 */
public final class CapturePublisher {

  private final Topics topics;
  private final Map<String, ?> kafkaProperties;
  private final Clock clock;
  private final Sleeper sleeper;

  /** How the publisher waits between frames; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public CapturePublisher(Topics topics, Map<String, ?> kafkaProperties, Clock clock, Sleeper sleeper) {
    this.topics = topics;
    this.kafkaProperties = kafkaProperties;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public CapturePublisher(Topics topics, Map<String, ?> kafkaProperties) {
    this(topics, kafkaProperties, Clock.systemUTC(), d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
  }

  /** What was published. */
  public record Published(String connectionId, long records, long invalidFrames) {
  }

  public Published publish(Path file, String pbxId, double speed)
      throws IOException, InterruptedException {
    try (InputStream in = Files.newInputStream(file)) {
      return publish(in, file.getFileName().toString(), pbxId, speed);
    }
  }

  /**
   * @param speed 0 = as fast as possible; otherwise the PBX Timestamp gaps divided by this
   * @throws IOException when Kafka refused a record (the message says how many)
   */
  public Published publish(InputStream capture, String name, String pbxId, double speed)
      throws IOException, InterruptedException {
    String connectionId = UUID.randomUUID().toString();
    AmiCapture.Session session = AmiCapture.session(capture, name, pbxId, connectionId,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
    ReplayPacer pacer = new ReplayPacer(speed);
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstError = new AtomicReference<>();
    try (KafkaPublisher publisher = new KafkaPublisher(topics, kafkaProperties)) {
      long start = System.nanoTime();
      for (AmiEvent event : session.events()) {
        if (event.getPbxTime() != null) {
          long due = start + pacer.dueAfterStart(micros(event)).toNanos();
          long wait = due - System.nanoTime();
          if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
          }
        }
        publisher.send(pbxId, event, (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, error);
          }
        });
      }
      for (InvalidFrame invalid : session.invalid()) {
        publisher.send(pbxId, invalid(invalid, pbxId, connectionId), (metadata, error) -> {
          if (error != null) {
            failed.incrementAndGet();
            firstError.compareAndSet(null, error);
          }
        });
      }
      publisher.flush();
    }
    if (failed.get() > 0) {
      throw new IOException(failed.get() + " records of capture " + name + " were not accepted by "
          + "Kafka", firstError.get());
    }
    return new Published(connectionId, session.events().size(), session.invalid().size());
  }

  private static long micros(AmiEvent event) {
    return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, event.getPbxTime());
  }

  // A capture file does not say where in the stream the bad bytes were; -1 says "unknown".
  private InvalidAmiFrame invalid(InvalidFrame invalid, String pbxId, String connectionId) {
    return InvalidAmiFrame.newBuilder()
        .setPbxId(pbxId)
        .setConnectionId(connectionId)
        .setAfterSequence(-1)
        .setReceivedAt(clock.instant().truncatedTo(ChronoUnit.MICROS))
        .setReason(invalid.reason())
        .setDetail(invalid.detail())
        .setBytes(ByteBuffer.wrap(invalid.bytes()))
        .setOriginalLength(invalid.originalLength())
        .build();
  }
}
