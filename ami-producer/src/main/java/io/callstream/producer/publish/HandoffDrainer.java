package io.callstream.producer.publish;

import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.schemas.logging.LogKeys;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The thread that moves one PBX's records from the hand-off into Kafka. {@code send} may block
 * (metadata, full producer buffer); that is why it runs here and not on the socket reader.
 */
public final class HandoffDrainer {

  private static final Logger LOG = LoggerFactory.getLogger(HandoffDrainer.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String pbxId;
  private final FrameHandoff handoff;
  private final KafkaPublisher publisher;
  private final PbxMetrics metrics;
  private final Consumer<Exception> onSendFailure;
  private final Thread thread;
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean stopping;

  /** @param onSendFailure told about every record Kafka refused (on a producer I/O thread) */
  public HandoffDrainer(String pbxId, FrameHandoff handoff, KafkaPublisher publisher,
      PbxMetrics metrics, Consumer<Exception> onSendFailure) {
    this.pbxId = pbxId;
    this.handoff = handoff;
    this.publisher = publisher;
    this.metrics = metrics;
    this.onSendFailure = onSendFailure;
    this.thread = new Thread(this::run, "ami-publish-" + pbxId);
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    MDC.put(LogKeys.PBX_ID, pbxId);
    try {
      while (!stopping || handoff.depth() > 0) {
        SpecificRecord record = handoff.poll(POLL);
        if (record != null) {
          send(record);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(SpecificRecord record) {
    try {
      publisher.send(pbxId, record, (metadata, error) -> {
        if (error == null) {
          metrics.recordAcked();
        } else {
          failed(error);
        }
      });
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(Exception error) {
    metrics.sendError();
    // While Kafka is down every record fails; one line per 10,000 keeps the log readable.
    if (failures.getAndIncrement() % 10_000 == 0) {
      LOG.warn("Kafka did not accept a record of PBX {}: {}", pbxId, error.toString());
    }
    onSendFailure.accept(error);
  }

  /** Sends what is still buffered (bounded by {@code timeout}), then stops. */
  public void stop(Duration timeout) throws InterruptedException {
    stopping = true;
    thread.join(Math.max(1, timeout.toMillis()));
    if (thread.isAlive()) {
      LOG.warn("PBX {}: {} records still buffered after {} ms; they are lost", pbxId,
          handoff.depth(), timeout.toMillis());
      thread.interrupt();
    }
  }
}
