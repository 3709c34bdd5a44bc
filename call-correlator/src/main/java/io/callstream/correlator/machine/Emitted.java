package io.callstream.correlator.machine;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.util.List;

/** What applying one event to a working draft produced: lifecycle steps and summaries. */
public record Emitted(List<CallEvent> lifecycle, List<CallSummary> summaries) {

  public Emitted {
    lifecycle = List.copyOf(lifecycle);
    summaries = List.copyOf(summaries);
  }

  public boolean isEmpty() {
    return lifecycle.isEmpty() && summaries.isEmpty();
  }
}
