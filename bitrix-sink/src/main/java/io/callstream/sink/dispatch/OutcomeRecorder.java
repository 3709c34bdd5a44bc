package io.callstream.sink.dispatch;

import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.client.BitrixError;

/** Where a finished command goes: its outcome, or a dead letter; either way it is done. */
interface OutcomeRecorder {

  void outcome(Pending p, OutcomeStatus status, String bitrixCallId, BitrixError lastError);

  void deadLetter(Pending p, String reason, String errorClass, BitrixError lastError);

  /** Makes the outcomes recorded so far durable before the next request goes out. */
  void flush();

  /** Nothing to send: an earlier run already recorded the outcome. */
  void alreadyRecorded(Pending p);
}
