package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.RingEnds;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.DialDraft;

/**
 * DialEnd, keyed by the destination: app_queue repeats CANCEL, bridge-core dials carry no caller,
 * and after a pickup the destination is the picker (no dial of ours, so it is ignored).
 */
public final class DialEndHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String destUid = step.message().get("destuniqueid");
    CallDraft call = step.callOf(destUid);
    if (call == null) {
      call = step.callOf(step.message().uniqueid());
    }
    DialDraft dial = call == null ? null : call.dials.get(destUid);
    if (dial == null || dial.status != null) {
      return;
    }
    String status = step.message().get("dialstatus");
    dial.status = status == null ? "UNKNOWN" : status;
    RingEnds.ended(step, call, dial);
  }
}
