package io.callstream.correlator.machine;

import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.util.List;

/** The result of applying one event: the next state and what it produced, in order. */
public record Transition(PbxState state, List<CallEvent> lifecycle, List<CallSummary> summaries) {

  public Transition {
    lifecycle = List.copyOf(lifecycle);
    summaries = List.copyOf(summaries);
  }
}
