package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;

/** BridgeLeave: the channel is no longer connected through that bridge. */
public final class BridgeLeaveHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String bridgeId = step.message().get("bridgeuniqueid");
    String uid = step.message().uniqueid();
    BridgeDraft bridge = bridgeId == null ? null : step.state().bridges.get(bridgeId);
    if (bridge != null) {
      bridge.members.remove(uid);
    }
    ChannelDraft channel = step.channel(uid);
    if (channel != null) {
      channel.bridges.remove(bridgeId);
    }
  }
}
