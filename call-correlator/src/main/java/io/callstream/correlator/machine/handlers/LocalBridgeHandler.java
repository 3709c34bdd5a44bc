package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.ChannelDraft;

/** LocalBridge: the two halves of a Local channel are one path through the call. */
public final class LocalBridgeHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    ChannelDraft one = step.channel(step.message().get("localoneuniqueid"));
    ChannelDraft two = step.channel(step.message().get("localtwouniqueid"));
    if (one == null || two == null) {
      return;
    }
    one.localPeer = two.uniqueid;
    two.localPeer = one.uniqueid;
    ChannelGraph.join(step, one.uniqueid, two.uniqueid);
  }
}
