package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.CallStarter;
import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.LifecycleEmitter;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.DialDraft;
import io.callstream.schemas.CallEventType;

/** DialBegin: caller and destination belong together; an extension destination starts ringing. */
public final class DialBeginHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    AmiMessage m = step.message();
    String destUid = m.get("destuniqueid");
    ChannelDraft dest = step.channel(destUid);
    if (dest == null) {
      return;
    }
    reclassify(step, dest, m.get("context"), m.get("dialstring"));
    String callerUid = m.uniqueid();
    CallDraft call = callerUid == null ? step.callOf(destUid)
        : ChannelGraph.join(step, callerUid, destUid);
    CallStarter.onDial(step, call, dest, m.get("dialstring"));
    if (call.dials.containsKey(destUid)) {
      return;
    }
    DialDraft dial = new DialDraft();
    dial.destUniqueid = destUid;
    dial.callerUniqueid = callerUid;
    dial.extension = dest.kind == PartyKind.EXTENSION ? dest.extension : null;
    dial.beganAt = step.now();
    dial.order = ringOrder(step, call, callerUid);
    call.dials.put(destUid, dial);
    if (dial.extension != null) {
      addRang(call, dial.extension, dial.order);
      LifecycleEmitter.emit(step, call, CallEventType.RINGING, step.now(), dial.extension, null);
    }
  }

  /**
   * Where the preset knows the dialplan, the context a Dial() runs in says what it reaches: an
   * outbound route's dial reaches a trunk, a dial-one/dial macro rings a phone (whatever the
   * endpoint is called). Configured channel-name patterns take precedence.
   */
  private static void reclassify(Step step, ChannelDraft dest, String context, String dialString) {
    if (step.rules().hasPatterns() || dest.kind == PartyKind.LOCAL || context == null) {
      return;
    }
    if (step.rules().isOutboundDialContext(context)) {
      dest.kind = PartyKind.TRUNK;
      dest.extension = null;
    } else if (step.rules().isExtensionDialContext(context) && dest.kind != PartyKind.EXTENSION) {
      String number = ChannelNames.dialledNumber(dialString);
      dest.kind = PartyKind.EXTENSION;
      dest.extension = number == null || number.isEmpty()
          ? step.rules().extensionOf(dest.name) : number;
    }
  }

  /**
   * Queue and follow-me members ring through a Local pair a few milliseconds after the queue
   * dialled the pair, in whatever order the legs get there; the member's place in the ring order
   * is that of the queue's dial to the Local pair.
   */
  private static int ringOrder(Step step, CallDraft call, String callerUid) {
    ChannelDraft caller = step.channel(callerUid);
    if (caller != null && caller.kind == PartyKind.LOCAL && caller.localPeer != null) {
      DialDraft memberLeg = call.dials.get(caller.localPeer);
      if (memberLeg != null) {
        return memberLeg.order;
      }
    }
    return call.dialCounter++;
  }

  private static void addRang(CallDraft call, String extension, int order) {
    if (call.rang.contains(extension)) {
      return;
    }
    int at = 0;
    while (at < call.rangOrder.size() && call.rangOrder.get(at) <= order) {
      at++;
    }
    call.rang.add(at, extension);
    call.rangOrder.add(at, order);
  }
}
