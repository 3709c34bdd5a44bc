package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.RingEnds;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.DialDraft;

/**
 * Pickup: the picker's own (pending) channel joins the ringing call, and the picked phone stops
 * ringing; the picker then answers through the bridge like any other party.
 */
public final class PickupHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String picker = step.message().uniqueid();
    String target = step.message().get("targetuniqueid");
    CallDraft call = ChannelGraph.join(step, target, picker);
    DialDraft dial = call == null ? null : call.dials.get(target);
    if (dial != null && dial.status == null) {
      dial.status = "PICKUP";
      RingEnds.ended(step, call, dial);
    }
  }
}
