package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.LifecycleEmitter;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;

/**
 * Hold and Unhold. Asterisk raises Unhold around REFER transfers without a Hold before it, so a
 * RESUMED is only emitted for a channel that was held.
 */
public final class HoldHandler implements EventHandler {

  private final boolean hold;

  public HoldHandler(boolean hold) {
    this.hold = hold;
  }

  @Override
  public void handle(Step step) {
    ChannelDraft channel = step.channel(step.message().uniqueid());
    if (channel == null || channel.held == hold) {
      return;
    }
    channel.held = hold;
    CallDraft call = step.state().calls.get(channel.group);
    LifecycleEmitter.emit(step, call, hold ? CallEventType.HELD : CallEventType.RESUMED,
        step.now(), channel.extension, null);
  }
}
