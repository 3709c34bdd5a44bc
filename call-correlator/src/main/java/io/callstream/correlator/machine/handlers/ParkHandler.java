package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.LifecycleEmitter;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;

/**
 * Parking: ParkedCall holds the parkee's call; UnParkedCall (or a park timeout returning the call)
 * resumes it, and the retriever's own channel joins the call. The parkee keeps its Uniqueid.
 */
public final class ParkHandler implements EventHandler {

  private final boolean parked;

  public ParkHandler(boolean parked) {
    this.parked = parked;
  }

  @Override
  public void handle(Step step) {
    String parkee = step.message().get("parkeeuniqueid");
    String retriever = step.message().get("retrieveruniqueid");
    CallDraft call = retriever == null ? step.callOf(parkee)
        : ChannelGraph.join(step, parkee, retriever);
    if (call == null) {
      return;
    }
    String space = step.message().get("parkingspace");
    if (parked) {
      LifecycleEmitter.emit(step, call, CallEventType.HELD, step.now(), call.talking,
          "parked at " + space);
    } else {
      ChannelDraft by = step.channel(retriever);
      LifecycleEmitter.emit(step, call, CallEventType.RESUMED, step.now(),
          by == null ? null : by.extension,
          retriever == null ? "park timed out" : "retrieved from " + space);
    }
  }
}
