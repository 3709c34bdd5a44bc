package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.LogContext;
import io.callstream.sink.client.BitrixError;
import java.time.Clock;
import java.util.function.BiFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes outcomes and dead letters for every portal lane (the producer is thread-safe) and marks
 * their records done in the {@link OffsetTracker} only after the send, so a commit that first
 * snapshots the tracker and then flushes the producer never commits past an unwritten outcome.
 */
final class OutcomePublisher {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);

  private final Producer<String, Object> producer;
  private final Topics topics;
  private final OffsetTracker tracker;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final BiFunction<String, String, String> redact;

  /** @param redact (portal, text) → the text without that portal's secrets */
  OutcomePublisher(Producer<String, Object> producer, Topics topics, OffsetTracker tracker,
      Clock clock, SinkMetrics metrics, BiFunction<String, String, String> redact) {
    this.producer = producer;
    this.topics = topics;
    this.tracker = tracker;
    this.clock = clock;
    this.metrics = metrics;
    this.redact = redact;
  }

  BitrixOutcome outcome(Pending p, OutcomeStatus status, String bitrixCallId, BitrixError error) {
    BitrixCommand c = p.command;
    BitrixOutcome o = BitrixOutcome.newBuilder()
        .setCommandId(c.getCommandId()).setPortalId(c.getPortalId()).setCallId(c.getCallId())
        .setLegId(c.getLegId()).setKind(c.getKind()).setStatus(status)
        .setBitrixCallId(bitrixCallId)
        .setHttpStatus(error == null ? null : error.httpStatus())
        .setErrorCode(error == null ? null : error.code())
        .setErrorDescription(error == null ? null : redact.apply(c.getPortalId(), error.description()))
        .setAttempts(p.failures + 1)
        .setCompletedAt(clock.instant())
        .build();
    producer.send(new ProducerRecord<>(topics.bitrixOutcomes().name(), c.getCallId(), o));
    metrics.command(c.getPortalId(), status.name());
    tracker.done(p);
    return o;
  }

  void deadLetter(Pending p, String reason, String errorClass, BitrixError error) {
    BitrixCommand c = p.command;
    String safe = redact.apply(c.getPortalId(), reason);
    LogContext.of(c).run(() ->
        LOG.warn("portal {}: dead letter {} {} of call {}: {}", c.getPortalId(), c.getKind(),
            c.getCommandId(), c.getCallId(), safe));
    producer.send(new ProducerRecord<>(topics.bitrixDeadLetter().name(), c.getPortalId(),
        BitrixDeadLetter.newBuilder().setCommand(c).setCallId(c.getCallId()).setReason(safe)
            .setErrorClass(errorClass)
            .setHttpStatus(error == null ? null : error.httpStatus())
            .setErrorCode(error == null ? null : error.code())
            .setAttempts(p.failures + (error == null ? 0 : 1))
            .setFailedAt(clock.instant()).build()));
  }

  /** Nothing to write: an earlier run recorded it. */
  void skip(Pending p) {
    tracker.done(p);
  }

  void flush() {
    producer.flush();
  }
}
