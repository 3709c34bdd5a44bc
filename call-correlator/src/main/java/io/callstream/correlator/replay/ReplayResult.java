package io.callstream.correlator.replay;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.util.List;

/** Everything a replay produced: lifecycle records in order, then one summary per call. */
public record ReplayResult(List<CallEvent> lifecycle, List<CallSummary> summaries) {

  public ReplayResult {
    lifecycle = List.copyOf(lifecycle);
    summaries = List.copyOf(summaries);
  }
}
