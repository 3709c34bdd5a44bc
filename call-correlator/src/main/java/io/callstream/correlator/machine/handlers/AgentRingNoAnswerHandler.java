package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.RingEnds;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.DialDraft;

/**
 * AgentRingNoAnswer: the queue's ring timeout for a member expired. The member's dial (and, for a
 * FreePBX Local member, the phone dialled behind the Local pair) then ends with CANCEL, which here
 * means "no answer", not "the caller gave up".
 */
public final class AgentRingNoAnswerHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String member = step.message().get("destuniqueid");
    CallDraft call = step.callOf(member);
    if (call == null) {
      return;
    }
    ChannelDraft memberChannel = step.channel(member);
    for (DialDraft dial : call.dials.values()) {
      boolean behindMember = memberChannel.localPeer != null
          && memberChannel.localPeer.equals(dial.callerUniqueid);
      if (dial.destUniqueid.equals(member) || behindMember) {
        dial.timedOut = true;
        if (dial.status == null && dial.destUniqueid.equals(member)) {
          dial.status = "NOANSWER";
          RingEnds.ended(step, call, dial);
        }
      }
    }
  }
}
