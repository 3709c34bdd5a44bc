package io.callstream.correlator.machine;

import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.ChannelGraph.Party;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import java.util.List;
import java.util.Set;

/**
 * Follows who the anchor is talking to. After every bridge change it walks from the anchor through
 * bridges and Local pairs (a FreePBX queue call reaches its agent through two bridges and a Local
 * pair); the first party reached answers the call, the last one reached is the final extension.
 */
public final class AnswerTracker {

  private AnswerTracker() {
  }

  public static void update(Step step, CallDraft call) {
    if (call == null || call.pending() || call.anchorBridgedAt == null) {
      return;
    }
    List<Party> parties = ChannelGraph.reachable(step, call.anchor, Set.of());
    Party party = parties.stream().filter(p -> p.kind() == PartyKind.EXTENSION).findFirst()
        .orElse(parties.isEmpty() ? null : parties.get(0));
    if (party == null) {
      return;
    }
    String extension = party.kind() == PartyKind.EXTENSION ? party.extension()
        : forwardingExtension(call);
    call.talking = extension;
    if (call.answerEmitted) {
      return;
    }
    call.answerEmitted = true;
    call.answeredAt = call.anchorBridgedAt;
    call.answeredBy = call.direction == Direction.OUTBOUND ? call.callerExtension : extension;
    call.recordingFile = recordingOnPath(step, call);
    LifecycleEmitter.emit(step, call, CallEventType.ANSWERED, call.answeredAt, extension, null);
  }

  /**
   * An external leg inside an inbound call is a follow-me or call-forward target: the call counts
   * as answered by the extension that forwarded it, the last extension rung before.
   */
  private static String forwardingExtension(CallDraft call) {
    if (call.direction == Direction.OUTBOUND) {
      return call.callerExtension;
    }
    return call.rang.isEmpty() ? null : call.rang.get(call.rang.size() - 1);
  }

  /** The recording of the answered conversation: on the anchor, else on the path to the agent. */
  static String recordingOnPath(Step step, CallDraft call) {
    for (String uid : ChannelGraph.reachableChannels(step, call.anchor)) {
      ChannelDraft c = step.channel(uid);
      if (c != null && c.vars.get("MIXMONITOR_FILENAME") != null) {
        return c.vars.get("MIXMONITOR_FILENAME");
      }
    }
    return call.recordingFile;
  }
}
