package io.callstream.correlator.machine;

import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.Disposition;
import java.util.ArrayList;
import java.util.List;

/**
 * The producer's connection markers. A disconnect (or a connect on a new connection without one)
 * makes every open call suspect: events may have been lost. The resync snapshot that follows
 * decides: a call whose anchor is still listed is kept, the others are closed as UNKNOWN. Calls
 * seen in the snapshot for the first time are adopted as joined late.
 */
public final class ConnectionGaps {

  private ConnectionGaps() {
  }

  public static void connected(Step step) {
    String connectionId = step.message().connectionId();
    if (step.state().connectionId != null && !step.state().connectionId.equals(connectionId)) {
      suspectAll(step);
    }
    step.state().connectionId = connectionId;
  }

  public static void disconnected(Step step) {
    suspectAll(step);
  }

  private static void suspectAll(Step step) {
    for (CallDraft call : step.state().calls.values()) {
      if (call.suspectSince == null) {
        call.suspectSince = Math.max(call.lastActivity, 0L);
      }
    }
  }

  public static void resyncBegin(Step step) {
    step.state().resyncing = true;
    step.state().resyncSeen.clear();
  }

  public static void resyncEnd(Step step) {
    List<String> seen = step.state().resyncSeen;
    regroupAdopted(step);
    for (CallDraft call : new ArrayList<>(step.state().calls.values())) {
      if (call.suspectSince != null) {
        confirmOrClose(step, call, seen);
      } else if (call.pending() && call.joinedLate) {
        CallStarter.adopt(step, call);
        markBridged(step, call);
        AnswerTracker.update(step, call);
      }
    }
    // A BridgeDestroy lost in the gap would otherwise keep an empty bridge forever.
    step.state().bridges.removeIf(b -> b.members.isEmpty());
    step.state().resyncing = false;
    step.state().resyncSeen.clear();
  }

  /** Snapshot items come in any order: join adopted channels by Linkedid, bridge, Local pair. */
  private static void regroupAdopted(Step step) {
    for (ChannelDraft c : new ArrayList<>(step.state().channels.values())) {
      if (!c.joinedLate || step.channel(c.uniqueid) == null) {
        continue;
      }
      if (step.channel(c.linkedid) != null) {
        ChannelGraph.join(step, c.uniqueid, c.linkedid);
      }
      String pairKey = ChannelNames.localPairKey(c.name);
      for (ChannelDraft other : new ArrayList<>(step.state().channels.values())) {
        if (pairKey != null && other != c
            && pairKey.equals(ChannelNames.localPairKey(other.name))) {
          c.localPeer = other.uniqueid;
          other.localPeer = c.uniqueid;
          ChannelGraph.join(step, c.uniqueid, other.uniqueid);
        }
      }
      for (String bridgeId : c.bridges) {
        BridgeDraft bridge = step.state().bridges.get(bridgeId);
        if (bridge != null && bridge.connectsParties()) {
          bridge.members.forEach(m -> ChannelGraph.join(step, c.uniqueid, m));
        }
      }
    }
  }

  private static void confirmOrClose(Step step, CallDraft call, List<String> seen) {
    boolean alive = call.pending()
        ? step.channelsOf(call).stream().anyMatch(c -> seen.contains(c.uniqueid))
        : seen.contains(call.anchor);
    if (!alive) {
      CallCloser.close(step, call, call.suspectSince, Disposition.UNKNOWN,
          "events lost while the AMI connection was down; the call's channels were gone at the "
              + "next resync");
      return;
    }
    call.suspectSince = null;
    for (ChannelDraft c : step.channelsOf(call)) {
      if (!seen.contains(c.uniqueid)) {
        drop(step, c);
      }
    }
  }

  private static void drop(Step step, ChannelDraft channel) {
    for (String bridgeId : channel.bridges) {
      BridgeDraft bridge = step.state().bridges.get(bridgeId);
      if (bridge != null) {
        bridge.members.remove(channel.uniqueid);
      }
    }
    step.state().channels.remove(channel.uniqueid);
  }

  private static void markBridged(Step step, CallDraft call) {
    ChannelDraft anchor = step.channel(call.anchor);
    if (anchor == null) {
      return;
    }
    for (String bridgeId : anchor.bridges) {
      BridgeDraft bridge = step.state().bridges.get(bridgeId);
      if (bridge != null && bridge.connectsParties() && bridge.members.size() > 1) {
        call.anchorBridgedAt = step.now();
        bridge.members.forEach(m -> ChannelGraph.join(step, call.anchor, m));
      }
    }
  }
}
