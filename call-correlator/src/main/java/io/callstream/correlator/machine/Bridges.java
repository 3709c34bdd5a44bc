package io.callstream.correlator.machine;

import io.callstream.correlator.state.BridgeState;

/** Looks up or creates the bridge an event is about. */
public final class Bridges {

  private Bridges() {
  }

  public static BridgeState of(Step step) {
    String id = step.message().get("bridgeuniqueid");
    if (id == null) {
      return null;
    }
    BridgeState bridge = step.state().bridges.computeIfAbsent(id, k -> {
      BridgeState b = new BridgeState();
      b.id = k;
      return b;
    });
    if (bridge.type == null) {
      bridge.type = step.message().get("bridgetype");
    }
    return bridge;
  }
}
