package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.AnswerTracker;
import io.callstream.correlator.machine.Bridges;
import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import java.util.List;

/**
 * BridgeEnter: channels sharing a bridge that connects parties are one call (this is how pickup,
 * park retrieval and REFER transfers join calls). {@code SwapUniqueid} names the channel being
 * replaced (Local optimisation, REFER with Replaces).
 */
public final class BridgeEnterHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    BridgeDraft bridge = Bridges.of(step);
    ChannelDraft channel = step.channel(step.message().uniqueid());
    if (bridge == null || channel == null) {
      return;
    }
    String swap = step.message().get("swapuniqueid");
    if (swap != null) {
      bridge.members.remove(swap);
      ChannelDraft swapped = step.channel(swap);
      if (swapped != null) {
        swapped.bridges.remove(bridge.id);
      }
    }
    if (!bridge.members.contains(channel.uniqueid)) {
      bridge.members.add(channel.uniqueid);
    }
    if (!channel.bridges.contains(bridge.id)) {
      channel.bridges.add(bridge.id);
    }
    if (!bridge.connectsParties()) {
      return;
    }
    CallDraft call = step.callOf(channel.uniqueid);
    for (String member : List.copyOf(bridge.members)) {
      call = ChannelGraph.join(step, channel.uniqueid, member);
    }
    if (call != null && channel.uniqueid.equals(call.anchor) && call.anchorBridgedAt == null) {
      call.anchorBridgedAt = step.now();
    }
    AnswerTracker.update(step, call);
  }
}
