package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;

/** QueueCallerJoin: the call is distributed by this queue. */
public final class QueueCallerJoinHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    CallDraft call = step.callOf(step.message().uniqueid());
    if (call != null) {
      call.queue = step.message().get("queue");
    }
  }
}
