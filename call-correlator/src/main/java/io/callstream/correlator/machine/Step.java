package io.callstream.correlator.machine;

import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.dialplan.DialplanRules;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.TimeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The working copy one event is applied to: a private copy of the state, the PBX's dialplan rules,
 * the event, and the lifecycle records produced so far. Handlers change only this copy.
 */
public final class Step {

  private final PbxDraft state;
  private final DialplanRules rules;
  private final AmiMessage message;
  private final long now;
  private final List<CallEvent> lifecycle = new ArrayList<>();
  private final List<CallSummary> summaries = new ArrayList<>();

  Step(PbxDraft state, DialplanRules rules, AmiMessage message, long now) {
    this.state = state;
    this.rules = rules;
    this.message = message;
    this.now = now;
  }

  public PbxDraft state() {
    return state;
  }

  public DialplanRules rules() {
    return rules;
  }

  public AmiMessage message() {
    return message;
  }

  /** The event's time on the PBX's clock ({@link PbxClock}); the stream time for sweeps. */
  public long now() {
    return now;
  }

  public TimeSource timeSource() {
    return message == null ? TimeSource.PBX : message.timeSource();
  }

  public ChannelDraft channel(String uniqueid) {
    return uniqueid == null ? null : state.channels.get(uniqueid);
  }

  /** The call group a channel belongs to, or null for unknown channels. */
  public CallDraft callOf(String uniqueid) {
    ChannelDraft channel = channel(uniqueid);
    return channel == null ? null : state.calls.get(channel.group);
  }

  public List<ChannelDraft> channelsOf(CallDraft call) {
    return state.channelsOf(call.key);
  }

  void add(CallEvent event) {
    lifecycle.add(event);
  }

  void add(CallSummary summary) {
    summaries.add(summary);
  }

  Emitted emitted() {
    return new Emitted(lifecycle, summaries);
  }

  Transition transition() {
    return new Transition(state.freeze(), lifecycle, summaries);
  }
}
