package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.ami.AmiDuration;
import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;

/**
 * CoreShowChannel, one live channel of the resync snapshot: known channels are confirmed alive,
 * unknown ones are adopted (grouped by Linkedid and bridge) and started when the resync ends.
 */
public final class CoreShowChannelHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    AmiMessage m = step.message();
    String uid = m.uniqueid();
    // Only the producer's own snapshot after a (re)connect describes the whole PBX.
    if (uid == null || !step.state().resyncing) {
      return;
    }
    if (!step.state().resyncSeen.contains(uid)) {
      step.state().resyncSeen.add(uid);
    }
    if (step.channel(uid) != null) {
      return;
    }
    ChannelDraft channel = NewchannelHandler.create(step, m, uid);
    channel.joinedLate = true;
    // The snapshot says how long the channel has existed; an adopted call starts then.
    long age = AmiDuration.millis(m.get("duration"));
    if (age > 0) {
      channel.createdAt = step.now() - age;
    }
    ChannelDraft requester = step.channel(channel.linkedid);
    if (requester != null && requester != channel) {
      step.state().setGroup(channel, requester.group);
    } else {
      step.state().setGroup(channel, uid);
      CallDraft call = new CallDraft();
      call.key = uid;
      call.joinedLate = true;
      call.lastActivity = step.now();
      step.state().calls.put(uid, call);
    }
    CallDraft call = step.state().calls.get(channel.group);
    if (!call.linkedids.contains(channel.linkedid)) {
      call.linkedids.add(channel.linkedid);
    }
    String bridgeId = m.get("bridgeid");
    if (bridgeId != null) {
      BridgeDraft bridge = step.state().bridges.computeIfAbsent(bridgeId, k -> {
        BridgeDraft b = new BridgeDraft();
        b.id = k;
        return b;
      });
      bridge.members.add(uid);
      channel.bridges.add(bridgeId);
    }
  }
}
