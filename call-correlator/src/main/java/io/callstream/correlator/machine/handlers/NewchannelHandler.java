package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.CallStarter;
import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;

/**
 * Newchannel: the channel joins the group of the channel its Linkedid names (the channel that
 * requested it), or of its Local other half, or opens a new group.
 */
public final class NewchannelHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    AmiMessage m = step.message();
    String uid = m.uniqueid();
    if (uid == null || step.channel(uid) != null) {
      return;
    }
    ChannelDraft channel = create(step, m, uid);
    String linkedid = channel.linkedid;
    ChannelDraft requester = linkedid == null || linkedid.equals(uid) ? null
        : step.channel(linkedid);
    ChannelDraft pair = localPair(step, channel);
    if (requester != null) {
      step.state().setGroup(channel, requester.group);
    } else if (pair != null) {
      step.state().setGroup(channel, pair.group);
    } else {
      step.state().setGroup(channel, uid);
      CallDraft call = new CallDraft();
      call.key = uid;
      call.lastActivity = step.now();
      step.state().calls.put(uid, call);
    }
    CallDraft call = step.state().calls.get(channel.group);
    if (linkedid != null && !call.linkedids.contains(linkedid)) {
      call.linkedids.add(linkedid);
    }
    if (pair != null) {
      channel.localPeer = pair.uniqueid;
      pair.localPeer = uid;
      ChannelGraph.join(step, uid, pair.uniqueid);
    }
    if (channel.group.equals(uid)) {
      CallStarter.onFirstChannel(step, call, channel);
    }
  }

  /** Builds a channel from a snapshot (Newchannel or a resync CoreShowChannel). */
  public static ChannelDraft create(Step step, AmiMessage m, String uid) {
    ChannelDraft channel = new ChannelDraft();
    channel.uniqueid = uid;
    channel.name = m.get("channel");
    channel.linkedid = m.get("linkedid") == null ? uid : m.get("linkedid");
    channel.context = m.get("context");
    channel.exten = m.get("exten");
    channel.callerNum = m.get("calleridnum");
    channel.createdAt = step.now();
    channel.kind = step.rules().classify(channel.name, channel.context);
    channel.extension = channel.kind == PartyKind.EXTENSION
        ? step.rules().extensionOf(channel.name) : null;
    step.state().channels.put(uid, channel);
    return channel;
  }

  private static ChannelDraft localPair(Step step, ChannelDraft channel) {
    String key = ChannelNames.localPairKey(channel.name);
    if (key == null) {
      return null;
    }
    for (ChannelDraft other : step.state().channelsWithPairKey(key)) {
      if (other != channel) {
        return other;
      }
    }
    return null;
  }
}
