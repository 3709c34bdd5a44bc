package io.callstream.correlator.machine;

import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.handlers.AgentRingNoAnswerHandler;
import io.callstream.correlator.machine.handlers.AttendedTransferHandler;
import io.callstream.correlator.machine.handlers.BlindTransferHandler;
import io.callstream.correlator.machine.handlers.BridgeCreateHandler;
import io.callstream.correlator.machine.handlers.BridgeDestroyHandler;
import io.callstream.correlator.machine.handlers.BridgeEnterHandler;
import io.callstream.correlator.machine.handlers.BridgeLeaveHandler;
import io.callstream.correlator.machine.handlers.CoreShowChannelHandler;
import io.callstream.correlator.machine.handlers.DialBeginHandler;
import io.callstream.correlator.machine.handlers.DialEndHandler;
import io.callstream.correlator.machine.handlers.HangupHandler;
import io.callstream.correlator.machine.handlers.HoldHandler;
import io.callstream.correlator.machine.handlers.LocalBridgeHandler;
import io.callstream.correlator.machine.handlers.NewchannelHandler;
import io.callstream.correlator.machine.handlers.ParkHandler;
import io.callstream.correlator.machine.handlers.PickupHandler;
import io.callstream.correlator.machine.handlers.QueueCallerAbandonHandler;
import io.callstream.correlator.machine.handlers.QueueCallerJoinHandler;
import io.callstream.correlator.machine.handlers.RenameHandler;
import io.callstream.correlator.machine.handlers.VarSetHandler;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.Disposition;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

/**
 * The call state machine: {@code apply(state, event)} returns the next state and the lifecycle
 * records and summaries the event produced. Plain Java, deterministic: the same events in the same
 * order give the same output; time comes only from the events (stream time), on each PBX's own
 * clock ({@link PbxClock}).
 */
public final class CallStateMachine {

  private static final Map<String, EventHandler> HANDLERS = Map.ofEntries(
      Map.entry("newchannel", new NewchannelHandler()),
      Map.entry("rename", new RenameHandler()),
      Map.entry("varset", new VarSetHandler()),
      Map.entry("dialbegin", new DialBeginHandler()),
      Map.entry("dialend", new DialEndHandler()),
      Map.entry("bridgecreate", new BridgeCreateHandler()),
      Map.entry("bridgeenter", new BridgeEnterHandler()),
      Map.entry("bridgeleave", new BridgeLeaveHandler()),
      Map.entry("bridgedestroy", new BridgeDestroyHandler()),
      Map.entry("localbridge", new LocalBridgeHandler()),
      Map.entry("hangup", new HangupHandler()),
      Map.entry("hold", new HoldHandler(true)),
      Map.entry("unhold", new HoldHandler(false)),
      Map.entry("blindtransfer", new BlindTransferHandler()),
      Map.entry("attendedtransfer", new AttendedTransferHandler()),
      Map.entry("pickup", new PickupHandler()),
      Map.entry("parkedcall", new ParkHandler(true)),
      Map.entry("unparkedcall", new ParkHandler(false)),
      Map.entry("parkedcalltimeout", new ParkHandler(false)),
      Map.entry("queuecallerjoin", new QueueCallerJoinHandler()),
      Map.entry("queuecallerabandon", new QueueCallerAbandonHandler()),
      Map.entry("agentringnoanswer", new AgentRingNoAnswerHandler()),
      Map.entry("coreshowchannel", new CoreShowChannelHandler()));

  private final CorrelatorConfig config;

  public CallStateMachine(CorrelatorConfig config) {
    this.config = config;
  }

  /** The event names that have a handler (lower case). */
  public static java.util.Set<String> handledEvents() {
    return HANDLERS.keySet();
  }

  /** Applies one raw record. Never changes {@code state}. */
  public Transition apply(PbxState state, AmiEvent event) {
    PbxDraft next = PbxDraft.of(state);
    if (next.pbxId == null) {
      next.pbxId = event.getPbxId();
    }
    return step(next, event).transition();
  }

  /**
   * Applies one raw record to a working draft in place; the draft's entries remember what the
   * event touched. If this throws, the draft is half-changed and must be thrown away.
   */
  public Emitted applyInPlace(PbxDraft draft, AmiEvent event) {
    return step(draft, event).emitted();
  }

  private Step step(PbxDraft next, AmiEvent event) {
    AmiMessage message = AmiMessage.of(event);
    long now = PbxClock.observe(next, message);
    Step step = new Step(next, config.dialplanFor(next.pbxId), message, now);
    next.streamTime = Math.max(next.streamTime, now);
    dispatch(step, message);
    if (next.streamTime >= next.nextSweepAt) {
      expire(step);
      next.nextSweepAt = next.streamTime + config.sweepInterval().toMillis();
    }
    return step;
  }

  private static void dispatch(Step step, AmiMessage message) {
    AmiFrameKind kind = message.kind();
    switch (kind) {
      case CONNECTED -> ConnectionGaps.connected(step);
      case DISCONNECTED -> ConnectionGaps.disconnected(step);
      case RESYNC_BEGIN -> ConnectionGaps.resyncBegin(step);
      case RESYNC_END -> ConnectionGaps.resyncEnd(step);
      case EVENT -> {
        ChannelTouch.apply(step);
        EventHandler handler = message.name() == null ? null
            : HANDLERS.get(message.name().toLowerCase(Locale.ROOT));
        if (handler != null) {
          handler.handle(step);
        }
      }
      default -> {
        // Banner, responses and unparsed frames carry nothing about calls.
      }
    }
  }

  /**
   * Closes calls that saw no event for longer than the call timeout, at {@code now}: a time on
   * the PBX's own clock (for a Kafka stream time, see {@link #expireAtReceiveTime}).
   */
  public Transition expire(PbxState state, long now) {
    PbxDraft next = PbxDraft.of(state);
    return expireStep(next, now).transition();
  }

  /** {@link #expire(PbxState, long)} on a working draft, in place. */
  public Emitted expireInPlace(PbxDraft draft, long now) {
    return expireStep(draft, now).emitted();
  }

  /**
   * {@link #expireInPlace} at a time of the producer's receive clock (Kafka record timestamps,
   * so stream time), put on the PBX's clock first.
   */
  public Emitted expireAtReceiveTime(PbxDraft draft, long receiveMillis) {
    return expireInPlace(draft, PbxClock.fromReceiveClock(draft, receiveMillis));
  }

  private Step expireStep(PbxDraft next, long now) {
    next.streamTime = Math.max(next.streamTime, now);
    Step step = new Step(next, config.dialplanFor(next.pbxId), null, next.streamTime);
    expire(step);
    return step;
  }

  private void expire(Step step) {
    long limit = step.state().streamTime - config.callTimeout().toMillis();
    // Only the calls closed here are touched, so a sweep writes nothing for live calls.
    for (CallDraft call : step.state().calls.peekValues()) {
      if (call.lastActivity < limit) {
        CallCloser.close(step, call, call.lastActivity, Disposition.UNKNOWN,
            "no hangup seen within " + config.callTimeout().toSeconds() + " s of the last event");
      }
    }
  }

  /**
   * The id of the call {@code event} is about as far as {@code draft} knows it: the call of the
   * channel its Uniqueid, DestUniqueid or Linkedid names; null when it names no started call. Only
   * reads (marks nothing as touched), so a log line can name the call of a record that failed.
   */
  public static String callIdOf(PbxDraft draft, AmiEvent event) {
    AmiMessage m = AmiMessage.of(event);
    for (String uid : new String[] {m.uniqueid(), m.get("destuniqueid"), m.get("linkedid")}) {
      ChannelDraft channel = uid == null ? null : draft.channels.peek(uid);
      CallDraft call = channel == null ? null : draft.calls.peek(channel.group);
      if (call != null && call.callId != null) {
        return call.callId;
      }
    }
    return null;
  }

  /** {@link #callIdOf(PbxDraft, AmiEvent)} in a state value. */
  public static String callIdOf(PbxState state, AmiEvent event) {
    return callIdOf(PbxDraft.of(state), event);
  }

  /** Closes every open call, e.g. when an offline replay reaches the end of its input. */
  public Transition closeAll(PbxState state, String reason) {
    PbxDraft next = PbxDraft.of(state);
    Step step = new Step(next, config.dialplanFor(next.pbxId), null, next.streamTime);
    for (CallDraft call : new ArrayList<>(next.calls.values())) {
      CallCloser.close(step, call, call.lastActivity, Disposition.UNKNOWN, reason);
    }
    return step.transition();
  }
}
