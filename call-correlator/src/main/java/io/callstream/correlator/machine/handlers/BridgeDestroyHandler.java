package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;

/** BridgeDestroy: forget the bridge. */
public final class BridgeDestroyHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String bridgeId = step.message().get("bridgeuniqueid");
    BridgeDraft bridge = bridgeId == null ? null : step.state().bridges.remove(bridgeId);
    if (bridge == null) {
      return;
    }
    for (String member : bridge.members) {
      ChannelDraft channel = step.channel(member);
      if (channel != null) {
        channel.bridges.remove(bridgeId);
      }
    }
  }
}
