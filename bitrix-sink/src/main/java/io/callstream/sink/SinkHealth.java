package io.callstream.sink;

/**
 * Whether the sink works: the planning stream's state, whether the dispatcher runs, and the last
 * fatal error in words (secrets redacted).
 */
public record SinkHealth(String plannerState, boolean dispatcherRunning, String lastError) {

  public boolean healthy() {
    return dispatcherRunning && ("RUNNING".equals(plannerState) || "REBALANCING".equals(plannerState)
        || "CREATED".equals(plannerState));
  }
}
