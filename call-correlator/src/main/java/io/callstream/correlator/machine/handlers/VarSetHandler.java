package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.VariableEffects;
import io.callstream.correlator.machine.draft.ChannelDraft;

/** VarSet of one of the few variables the model reads (the noise filter dropped the rest). */
public final class VarSetHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    ChannelDraft channel = step.channel(step.message().uniqueid());
    String variable = step.message().get("variable");
    if (channel == null || variable == null) {
      return;
    }
    String name = NoiseFilter.bareName(variable);
    if (NoiseFilter.VARIABLES.contains(name)) {
      String value = step.message().get("value");
      VariableEffects.set(step, channel, name, value == null ? "" : value);
    }
  }
}
