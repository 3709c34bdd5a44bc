package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;

/** QueueCallerAbandon: the caller hung up while waiting; the call is ABANDONED, not missed. */
public final class QueueCallerAbandonHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    CallDraft call = step.callOf(step.message().uniqueid());
    if (call != null) {
      call.abandoned = true;
      if (call.queue == null) {
        call.queue = step.message().get("queue");
      }
    }
  }
}
