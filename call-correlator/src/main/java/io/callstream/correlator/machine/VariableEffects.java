package io.callstream.correlator.machine;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import java.util.Objects;

/**
 * Stores a model variable on a channel, whether it came as a VarSet or as a ChanVariable header
 * (channelvars), and applies what it means for the call.
 */
public final class VariableEffects {

  private VariableEffects() {
  }

  public static void set(Step step, ChannelDraft channel, String name, String value) {
    if (value.isEmpty()) {
      // An empty value is an unset variable: channelvars= sends every configured variable on
      // every channel event, "MIXMONITOR_FILENAME=" on a channel that records nothing, and a
      // dialplan clears one by setting it empty (AMPUSER on a trunk channel).
      channel.vars.remove(name);
      return;
    }
    if (Objects.equals(channel.vars.get(name), value)) {
      return;
    }
    channel.vars.put(name, value);
    CallDraft call = step.state().calls.get(channel.group);
    if (call == null) {
      return;
    }
    switch (name) {
      case "FROM_DID" -> {
        if (call.direction == Direction.INBOUND && channel.uniqueid.equals(call.anchor)) {
          call.line = value;
        }
      }
      case "NODEST" -> {
        if (call.queue == null) {
          call.queue = value;
        }
      }
      case "MIXMONITOR_FILENAME" -> LifecycleEmitter.emit(step, call, CallEventType.RECORDING,
          step.now(), b -> b.setExtension(channel.extension).setRecordingFile(value));
      case NoiseFilter.CRM_CALL_ID -> {
        if (call.crmCallId == null) {
          call.crmCallId = value;
        }
      }
      default -> {
        // DIAL_NUMBER and AMPUSER are read when the call starts.
      }
    }
  }
}
