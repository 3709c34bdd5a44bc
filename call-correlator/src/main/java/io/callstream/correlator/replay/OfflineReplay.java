package io.callstream.correlator.replay;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.logging.LogKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs captures of one PBX through the same noise filter and state machine as the topology.
 * Each capture is one AMI session (CONNECTED … DISCONNECTED), so the step from one file to the
 * next is a disconnect and reconnect. Calls still open at the very end are closed as UNKNOWN.
 * The MDC holds the PBX for the replay, as the topology's processor does for each record.
 */
public final class OfflineReplay {

  private static final Logger LOG = LoggerFactory.getLogger(OfflineReplay.class);

  private final CallStateMachine machine;

  public OfflineReplay(CorrelatorConfig config) {
    this.machine = new CallStateMachine(config);
  }

  /** Replays the captures in order as sessions of {@code pbxId}. */
  public ReplayResult replay(String pbxId, List<ReplayInput> inputs) {
    List<AmiEvent> events = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      ReplayInput input = inputs.get(i);
      try {
        events.addAll(AmiCapture.session(new ByteArrayInputStream(input.bytes()), input.name(),
            pbxId, "replay-" + i + "-" + input.name(), input.sessionStart()).events());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read capture " + input.name(), e);
      }
    }
    return replayEvents(pbxId, events);
  }

  /** Replays raw records (as the topology would read them from pbx.ami.events). */
  public ReplayResult replayEvents(String pbxId, List<AmiEvent> events) {
    MDC.put(LogKeys.PBX_ID, pbxId);
    try {
      return replayInContext(pbxId, events);
    } finally {
      MDC.remove(LogKeys.PBX_ID);
    }
  }

  private ReplayResult replayInContext(String pbxId, List<AmiEvent> events) {
    List<CallEvent> lifecycle = new ArrayList<>();
    List<CallSummary> summaries = new ArrayList<>();
    PbxState state = PbxState.empty(pbxId);
    for (AmiEvent event : events) {
      if (!NoiseFilter.isRelevant(event)) {
        continue;
      }
      Transition t;
      try {
        t = machine.apply(state, event);
      } catch (RuntimeException e) {
        // Same policy as the topology: one record the model cannot apply is skipped, not fatal.
        skipped(state, event, e);
        continue;
      }
      state = t.state();
      lifecycle.addAll(t.lifecycle());
      summaries.addAll(t.summaries());
    }
    Transition end = machine.closeAll(state, "the input ended before the call did");
    lifecycle.addAll(end.lifecycle());
    summaries.addAll(end.summaries());
    return new ReplayResult(lifecycle, summaries);
  }

  /** Logs a skipped record with the call it was about in the state before it, if any. */
  private static void skipped(PbxState before, AmiEvent event, RuntimeException e) {
    String callId = CallStateMachine.callIdOf(before, event);
    if (callId != null) {
      MDC.put(LogKeys.CALL_ID, callId);
    }
    try {
      LOG.warn("Skipping record {} of connection {} ({}) that could not be applied",
          event.getSequence(), event.getConnectionId(), event.getEventName(), e);
    } finally {
      MDC.remove(LogKeys.CALL_ID);
    }
  }
}
