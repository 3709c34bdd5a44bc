package io.callstream.correlator.machine;

import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.TimeSource;

/**
 * Decides a call's direction and anchor (the channel whose start, answer and end time the call)
 * and emits STARTED. Inbound: a trunk channel that opens its own group. Outbound: the trunk
 * channel a pending group dials. Internal: a pending group dials an extension; the caller anchors.
 */
public final class CallStarter {

  private CallStarter() {
  }

  /** Called for a new channel that opened its own group. */
  public static void onFirstChannel(Step step, CallDraft call, ChannelDraft channel) {
    if (channel.kind == PartyKind.TRUNK) {
      start(step, call, channel, Direction.INBOUND, channel.createdAt);
      call.externalNumber = channel.callerNum;
      call.line = lineOf(channel);
      emitStarted(step, call, null);
    }
  }

  /** Called for a DialBegin; starts a pending group as outbound or internal. */
  public static void onDial(Step step, CallDraft call, ChannelDraft dest, String dialString) {
    if (!call.pending() || dest == null) {
      return;
    }
    ChannelDraft first = step.channel(call.key);
    if (dest.kind == PartyKind.TRUNK) {
      start(step, call, dest, Direction.OUTBOUND, dest.createdAt);
      String number = ChannelNames.dialledNumber(dialString);
      if (number == null || number.isEmpty()) {
        number = first == null ? null : first.vars.get("DIAL_NUMBER");
      }
      call.externalNumber = number;
      String caller = callerExtension(first);
      call.callerExtension = caller != null ? caller : call.callerExtension;
      emitStarted(step, call, call.callerExtension);
    } else if (dest.kind == PartyKind.EXTENSION && first != null
        && first.kind == PartyKind.LOCAL) {
      // Originate through a Local channel (click-to-call): the PBX first rings the agent's own
      // phone; the call is the agent's, and becomes outbound when the number is dialled.
      if (call.callerExtension == null) {
        call.callerExtension = dest.extension;
      }
    } else if (dest.kind == PartyKind.EXTENSION && first != null) {
      start(step, call, first, Direction.INTERNAL, first.createdAt);
      call.callerExtension = callerExtension(first);
      emitStarted(step, call, call.callerExtension);
    }
  }

  /**
   * A CRM-started call (it carries the CRM's CALL_ID) whose first leg — the agent's own phone —
   * hung up without ever dialling the number: the agent did not pick up. Not a silent non-call
   * like a feature code: the CRM holds a card for it, so it starts and ends as an unanswered
   * outbound call of that agent.
   */
  public static void agentNeverAnswered(Step step, CallDraft call, ChannelDraft agentLeg) {
    start(step, call, agentLeg, Direction.OUTBOUND, agentLeg.createdAt);
    call.callerExtension = agentLeg.extension != null ? agentLeg.extension : call.callerExtension;
    call.externalNumber = agentLeg.exten == null || agentLeg.exten.equals("s") ? null : agentLeg.exten;
    emitStarted(step, call, call.callerExtension);
    CallCloser.close(step, call, step.now(), Disposition.NO_ANSWER,
        "the agent did not answer the call started from the CRM");
  }

  /** Starts a group adopted from a resync snapshot: the call was already in progress. */
  public static void adopt(Step step, CallDraft call) {
    ChannelDraft anchor = null;
    Direction direction = Direction.INTERNAL;
    for (ChannelDraft c : step.channelsOf(call)) {
      if (c.kind == PartyKind.TRUNK && c.uniqueid.equals(c.linkedid)) {
        anchor = c;
        direction = Direction.INBOUND;
        break;
      }
    }
    for (ChannelDraft c : step.channelsOf(call)) {
      if (anchor == null && c.kind == PartyKind.TRUNK) {
        anchor = c;
        direction = Direction.OUTBOUND;
      }
    }
    ChannelDraft caller = null;
    for (ChannelDraft c : step.channelsOf(call)) {
      if (c.kind == PartyKind.EXTENSION && (caller == null || c.uniqueid.equals(c.linkedid))) {
        caller = c;
      }
    }
    if (anchor == null) {
      anchor = caller;
    }
    if (anchor == null) {
      return;
    }
    // Back-dated by the snapshot's Duration when it had one, else the anchor's first sight.
    start(step, call, anchor, direction, Math.min(anchor.createdAt, step.now()));
    call.joinedLate = true;
    if (direction == Direction.INBOUND) {
      call.externalNumber = anchor.callerNum;
      call.line = lineOf(anchor);
    } else {
      call.callerExtension = callerExtension(caller);
      call.externalNumber = direction == Direction.OUTBOUND ? anchor.callerNum : null;
    }
    emitStarted(step, call, direction == Direction.INBOUND ? null : call.callerExtension);
  }

  private static void start(Step step, CallDraft call, ChannelDraft anchor, Direction direction,
      long at) {
    call.anchor = anchor.uniqueid;
    call.callId = step.state().pbxId + "/" + anchor.uniqueid;
    call.direction = direction;
    call.startedAt = at;
    call.timeSource = step.timeSource() == TimeSource.RECEIVED ? TimeSource.RECEIVED
        : TimeSource.PBX;
    call.started = true;
  }

  private static void emitStarted(Step step, CallDraft call, String extension) {
    LifecycleEmitter.emit(step, call, CallEventType.STARTED, call.startedAt, extension, null);
    for (ChannelDraft c : step.channelsOf(call)) {
      String file = c.vars.get("MIXMONITOR_FILENAME");
      if (file != null) {
        LifecycleEmitter.emit(step, call, CallEventType.RECORDING, step.now(),
            b -> b.setExtension(c.extension).setRecordingFile(file));
      }
    }
  }

  /** The DID: FreePBX's FROM_DID when known, else the number the trunk channel was called on. */
  static String lineOf(ChannelDraft trunk) {
    String did = trunk.vars.get("FROM_DID");
    if (did != null && !did.isEmpty()) {
      return did;
    }
    return trunk.exten == null || trunk.exten.equals("s") ? null : trunk.exten;
  }

  private static String callerExtension(ChannelDraft caller) {
    if (caller == null) {
      return null;
    }
    if (caller.kind == PartyKind.EXTENSION) {
      return caller.extension;
    }
    String ampuser = caller.vars.get("AMPUSER");
    return ampuser == null || ampuser.isEmpty() ? null : ampuser;
  }
}
