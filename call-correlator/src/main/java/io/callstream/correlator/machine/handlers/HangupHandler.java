package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.CallCloser;
import io.callstream.correlator.machine.CallStarter;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.RingEnds;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.DialDraft;

/**
 * Hangup: the anchor's hangup ends the call (its time is the call's end). Any other channel just
 * leaves; a phone still ringing without a DialEnd stops ringing.
 */
public final class HangupHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    String uid = step.message().uniqueid();
    ChannelDraft channel = step.channel(uid);
    if (channel == null) {
      return;
    }
    CallDraft call = step.state().calls.get(channel.group);
    if (call == null) {
      step.state().channels.remove(uid);
      return;
    }
    if (uid.equals(call.anchor)) {
      call.hangupCause = cause(step.message().get("cause"));
      CallCloser.close(step, call, step.now());
      return;
    }
    DialDraft dial = call.dials.get(uid);
    if (dial != null && dial.status == null) {
      dial.status = "26".equals(step.message().get("cause")) ? "CANCEL" : "HANGUP";
      RingEnds.ended(step, call, dial);
    }
    for (String bridgeId : channel.bridges) {
      BridgeDraft bridge = step.state().bridges.get(bridgeId);
      if (bridge != null) {
        bridge.members.remove(uid);
      }
    }
    step.state().channels.remove(uid);
    ChannelDraft peer = step.channel(channel.localPeer);
    if (peer != null) {
      peer.localPeer = null;
    }
    if (call.pending() && step.channelsOf(call).isEmpty()) {
      if (call.crmCallId != null) {
        call.hangupCause = cause(step.message().get("cause"));
        CallStarter.agentNeverAnswered(step, call, channel);
      } else {
        step.state().calls.remove(call.key);
      }
    }
  }

  private static Integer cause(String value) {
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
