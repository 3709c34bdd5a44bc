package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.draft.ChannelDraft;

/** Rename: channels are keyed by Uniqueid, only the display name changes. */
public final class RenameHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    ChannelDraft channel = step.channel(step.message().uniqueid());
    String newName = step.message().get("newname");
    if (channel != null && newName != null) {
      step.state().rename(channel, newName);
    }
  }
}
