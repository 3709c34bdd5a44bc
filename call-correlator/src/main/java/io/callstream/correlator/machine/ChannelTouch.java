package io.callstream.correlator.machine;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;

/**
 * What every event about a known channel says besides its own meaning: the call is alive, the
 * channel's Linkedid may have changed (basic bridges rewrite it to the oldest one, with no event
 * announcing it), and configured channel variables ride along as {@code ChanVariable} headers.
 */
public final class ChannelTouch {

  private ChannelTouch() {
  }

  public static void apply(Step step) {
    ChannelDraft channel = step.channel(step.message().uniqueid());
    if (channel == null) {
      return;
    }
    CallDraft call = step.state().calls.get(channel.group);
    if (call == null) {
      return;
    }
    call.lastActivity = Math.max(call.lastActivity, step.now());
    call.suspectSince = null;
    String stateDesc = step.message().get("channelstatedesc");
    if (stateDesc != null) {
      channel.up = stateDesc.equals("Up");
    }
    String linkedid = step.message().get("linkedid");
    if (linkedid != null && !linkedid.equals(channel.linkedid)) {
      channel.linkedid = linkedid;
      if (step.channel(linkedid) != null) {
        call = ChannelGraph.join(step, channel.uniqueid, linkedid);
      }
      if (!call.linkedids.contains(linkedid)) {
        call.linkedids.add(linkedid);
      }
    }
    for (String entry : step.message().chanVariables()) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        String name = NoiseFilter.bareName(entry.substring(0, eq));
        if (NoiseFilter.VARIABLES.contains(name)) {
          VariableEffects.set(step, channel, name, entry.substring(eq + 1));
        }
      }
    }
  }
}
