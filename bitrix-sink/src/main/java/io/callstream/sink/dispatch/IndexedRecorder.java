package io.callstream.sink.dispatch;

import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.client.BitrixError;

/** One portal's {@link OutcomeRecorder}: writes through the shared publisher, learns in its index. */
final class IndexedRecorder implements OutcomeRecorder {

  private final OutcomePublisher publisher;
  private final OutcomeIndex index;

  IndexedRecorder(OutcomePublisher publisher, OutcomeIndex index) {
    this.publisher = publisher;
    this.index = index;
  }

  @Override
  public void outcome(Pending p, OutcomeStatus status, String bitrixCallId, BitrixError lastError) {
    index.add(publisher.outcome(p, status, bitrixCallId, lastError));
  }

  @Override
  public void deadLetter(Pending p, String reason, String errorClass, BitrixError lastError) {
    publisher.deadLetter(p, reason, errorClass, lastError);
    outcome(p, OutcomeStatus.DEAD_LETTERED, null, lastError);
  }

  @Override
  public void flush() {
    publisher.flush();
  }

  @Override
  public void alreadyRecorded(Pending p) {
    publisher.skip(p);
  }
}
